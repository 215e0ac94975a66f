import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEFAULT_MIGRATION_GLOBS, findMigrationFiles } from '../../../core/migrations/find-files.ts';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'find-files-'));
  for (const file of [
    'db/flyway/V2__b.sql',
    'db/flyway/V10__c.sql',
    'db/flyway/V1__a.sql',
    'migrate/000001_init.up.sql',
    'migrate/000001_init.down.sql',
    'sqitch/deploy/users.sql',
    'prisma/migrations/20240101_init/migration.sql',
    'node_modules/pkg/migrations/x.sql',
    'docs/notes.sql',
  ]) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), 'SELECT 1;\n');
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('finding migration files', () => {
  it('takes a folder as the SQL files under it', async () => {
    expect(await findMigrationFiles(root, ['db/flyway'])).toEqual(['db/flyway/V1__a.sql', 'db/flyway/V2__b.sql', 'db/flyway/V10__c.sql']);
    expect(await findMigrationFiles(root, ['migrate/'])).toEqual(['migrate/000001_init.down.sql', 'migrate/000001_init.up.sql']);
  });

  it('lists a migration that is a symbolic link (for the linter to refuse) but does not walk a linked folder', async () => {
    const links = mkdtempSync(join(tmpdir(), 'find-files-links-'));
    try {
      mkdirSync(join(links, 'db'));
      writeFileSync(join(links, 'db/V1__a.sql'), 'SELECT 1;\n');
      symlinkSync(join(root, 'docs/notes.sql'), join(links, 'db/V2__link.sql'));
      symlinkSync(join(root, 'db/flyway'), join(links, 'db/linked-folder'));
      expect(await findMigrationFiles(links, ['db'])).toEqual(['db/V1__a.sql', 'db/V2__link.sql']);
      expect(await findMigrationFiles(links, ['db/*.sql'])).toEqual(['db/V1__a.sql', 'db/V2__link.sql']);
    } finally {
      rmSync(links, { recursive: true, force: true });
    }
  });

  it('finds the common layouts, in the order the tools apply them, never in node_modules', async () => {
    expect(await findMigrationFiles(root, DEFAULT_MIGRATION_GLOBS)).toEqual([
      'db/flyway/V1__a.sql',
      'db/flyway/V2__b.sql',
      'db/flyway/V10__c.sql',
      'migrate/000001_init.up.sql',
      'prisma/migrations/20240101_init/migration.sql',
      'sqitch/deploy/users.sql',
    ]);
  });

  it('excludes with ! globs and exclude globs', async () => {
    expect(await findMigrationFiles(root, ['db/**/*.sql', '!**/V10__*.sql'], ['**/V1__*.sql'])).toEqual(['db/flyway/V2__b.sql']);
  });

  it('returns root-relative paths for absolute globs too', async () => {
    expect(await findMigrationFiles(root, [join(root, 'db/flyway/V1__a.sql')])).toEqual(['db/flyway/V1__a.sql']);
  });
});
