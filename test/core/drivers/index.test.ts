import { drivers, getDriver } from '../../../core/drivers/index.ts';

describe('driver registry', () => {
  it('holds every driver under the name an experiment uses', () => {
    expect(Object.keys(drivers).sort()).toEqual(['aws-fis', 'kubernetes', 'network', 'process', 'stress', 'toxiproxy']);
    for (const [name, driver] of Object.entries(drivers)) {
      expect(driver.name).toBe(name);
      expect(typeof driver.undoBeforeInject).toBe('function');
    }
  });

  it('finds a driver by name and lists the known ones for an unknown name', () => {
    expect(getDriver('process')).toBe(drivers.process);
    expect(() => getDriver('chaos-monkey')).toThrow(
      'unknown fault driver "chaos-monkey" (known: process, network, stress, toxiproxy, kubernetes, aws-fis)',
    );
    expect(() => getDriver('toString')).toThrow(/unknown fault driver "toString"/);
  });

  it('gives every driver a plan with an undo description and a TTL', () => {
    const examples: Record<string, unknown> = {
      process: { match: 'api' },
      network: { action: 'blackhole', port: 5432 },
      stress: { cpu: 1 },
      toxiproxy: { proxy: 'pg', toxic: 'latency', attributes: { latency: 100 } },
      kubernetes: { action: 'delete-pods', namespace: 'shop', 'label-selector': 'app=api' },
      'aws-fis': { 'template-id': 'EXT1a2b3c4d5e', region: 'us-east-1' },
    };
    for (const [name, args] of Object.entries(examples)) {
      const driver = getDriver(name);
      const plan = driver.plan(driver.validate(args));
      expect(plan.driver).toBe(name);
      expect(plan.undo.length).toBeGreaterThan(10);
      expect(plan.ttlSeconds).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('docs/drivers.md', () => {
  it('has the section every driver error points to (docs/drivers.md#<driver>)', async () => {
    const { readFileSync } = await import('node:fs');
    const page = readFileSync(new URL('../../../docs/drivers.md', import.meta.url), 'utf8');
    for (const name of Object.keys(drivers)) expect(page).toContain(`\n## ${name}\n`);
  });
});
