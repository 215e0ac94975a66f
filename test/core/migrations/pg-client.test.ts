import { FaultlineError } from '../../../core/errors.ts';
import { describeDatabaseUrl, formatTarget } from '../../../core/migrations/pg-client.ts';

describe('reading a database-url for messages', () => {
  it('keeps host, port, user and database, and never the password', () => {
    const target = describeDatabaseUrl('postgres://app%40corp:s3cr%23t@db.internal:6543/app_ci?sslmode=require');
    expect(target).toEqual({ host: 'db.internal', port: 6543, user: 'app@corp', database: 'app_ci' });
    expect(JSON.stringify(target)).not.toContain('s3cr');
  });

  it('fills in what libpq would: port 5432, user postgres, database named after the user', () => {
    expect(describeDatabaseUrl('postgresql://localhost')).toEqual({ host: 'localhost', port: 5432, user: 'postgres', database: 'postgres' });
    expect(describeDatabaseUrl('postgres://ci@localhost/')).toMatchObject({ user: 'ci', database: 'ci' });
  });

  it('names a unix socket directory given as ?host=', () => {
    const target = describeDatabaseUrl('postgres:///app?host=/var/run/postgresql');
    expect(formatTarget(target)).toBe('/var/run/postgresql (port 5432)');
    expect(formatTarget(describeDatabaseUrl('postgres://127.0.0.1:5433/app'))).toBe('127.0.0.1:5433');
  });

  it('rejects other schemes and non-URLs with exit code 2 and the expected form', () => {
    for (const bad of ['mysql://root@localhost/app', 'localhost:5432']) {
      let error: unknown;
      try {
        describeDatabaseUrl(bad);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(FaultlineError);
      expect((error as FaultlineError).exitCode).toBe(2);
      expect((error as FaultlineError).hint).toContain('postgres://USER:PASSWORD@HOST:PORT/DATABASE');
    }
  });
});
