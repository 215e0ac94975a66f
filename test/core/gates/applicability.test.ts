import { gateApplies } from '../../../core/gates/applicability.ts';

const files = (...paths: string[]) => ({ paths });

describe('when a gate applies, from the default branch’s config', () => {
  it('applies migrations when a changed file matches migrations.paths, minus exclude and ! globs', () => {
    const config = { migrations: { paths: ['db/**/*.sql', '!db/archive/**'], exclude: ['db/seed/**'] } };
    expect(gateApplies('migrations', config, files('db/V2__add.sql'))).toEqual({ applies: true, reason: '`db/V2__add.sql` matches `migrations.paths`' });
    expect(gateApplies('migrations', config, files('db/archive/V1.sql', 'db/seed/data.sql', 'src/app.ts')).applies).toBe(false);
  });

  it('uses the migration gate’s default layouts when migrations.paths is empty', () => {
    expect(gateApplies('migrations', { migrations: {} }, files('db/migrations/0001_init.sql'))).toMatchObject({ applies: true });
    expect(gateApplies('migrations', { migrations: null }, files('sql/V3__x.sql'))).toMatchObject({ applies: true });
    expect(gateApplies('migrations', { migrations: {} }, files('README.md'))).toMatchObject({ applies: false });
  });

  it('does not apply a gate whose section is absent, and says so', () => {
    expect(gateApplies('chaos', {}, files('services/api/x.ts'))).toEqual({ applies: false, reason: 'there is no `chaos:` section in the default branch’s .github/faultline.yml' });
    expect(gateApplies('migrations', null, files('db/V1__a.sql')).applies).toBe(false);
  });

  it('applies chaos (and later security, failover) when required or when paths match', () => {
    expect(gateApplies('chaos', { chaos: { required: true } }, files()).applies).toBe(true);
    expect(gateApplies('chaos', { chaos: { paths: ['services/**'] } }, files('services/api/main.go')).applies).toBe(true);
    expect(gateApplies('chaos', { chaos: { 'max-ttl': '1h' } }, files('services/api/main.go'))).toMatchObject({ applies: false, reason: expect.stringContaining('neither is required nor lists paths') });
    expect(gateApplies('security', { security: { required: true } }, files()).applies).toBe(true);
    expect(gateApplies('security', { security: { paths: ['infra/**', '!infra/docs/**'] } }, files('infra/main.tf'))).toEqual({ applies: true, reason: '`infra/main.tf` matches `security.paths`' });
    expect(gateApplies('security', { security: { paths: ['infra/**', '!infra/docs/**'] } }, files('infra/docs/a.md')).applies).toBe(false);
    expect(gateApplies('security', { security: { ignore: [] } }, files('infra/main.tf'))).toMatchObject({ applies: false, reason: expect.stringContaining('`security` in the default branch’s .github/faultline.yml neither is required nor lists paths') });
    expect(gateApplies('failover', { failover: { paths: ['infra/db/**'] } }, files('infra/db/replica.tf')).applies).toBe(true);
  });

  it('applies slo-budget when a service of slo.services is touched', () => {
    const config = { slo: { services: { checkout: ['services/checkout/**'], search: ['services/search/**'] } } };
    expect(gateApplies('slo-budget', config, files('services/search/a.ts', 'services/checkout/b.ts')).reason).toBe('touches services checkout, search (`slo.services`)');
    expect(gateApplies('slo-budget', config, files('docs/x.md')).applies).toBe(false);
  });

  it('assumes a path rule matches when GitHub’s list of changed files was capped', () => {
    const capped = { paths: ['docs/a.md'], capped: 'GitHub lists only the first 3000 of 4000 changed files' };
    expect(gateApplies('migrations', { migrations: { paths: ['db/**'] } }, capped)).toMatchObject({ applies: true, reason: expect.stringContaining('incomplete') });
    expect(gateApplies('slo-budget', { slo: { services: { a: ['a/**'] } } }, capped).applies).toBe(true);
  });
});
