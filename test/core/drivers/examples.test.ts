import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { drivers, getDriver } from '../../../core/drivers/index.ts';

const dir = join(import.meta.dirname, '../../../examples/experiments');

interface Activity {
  name: string;
  provider?: { type?: string; driver?: string; arguments?: unknown };
}

/** `${key}` replaced by the configuration's default, as a run without overrides would see it. */
function substitute(value: unknown, configuration: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{(\w+)\}$/.exec(value);
    const lookup = (key: string) => {
      const entry = configuration[key];
      return typeof entry === 'object' && entry !== null ? (entry as { default?: unknown }).default : entry;
    };
    if (whole) return lookup(whole[1]!);
    return value.replace(/\$\{(\w+)\}/g, (_, key: string) => String(lookup(key)));
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, configuration));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, configuration)]));
  }
  return value;
}

describe('examples/experiments', () => {
  const files = readdirSync(dir).filter((file) => /\.ya?ml$/.test(file));

  it.each(Object.keys(drivers))('has at least one experiment for the %s driver', (name) => {
    expect(files.filter((file) => file.startsWith(`${name}-`)).length).toBeGreaterThan(0);
  });

  it.each(files.filter((file) => Object.keys(drivers).some((name) => file.startsWith(`${name}-`))))(
    '%s: names an owner and its faults pass their driver\'s argument checks',
    (file) => {
      const experiment = parse(readFileSync(join(dir, file), 'utf8')) as {
        tags?: string[];
        configuration?: Record<string, unknown>;
        method: Activity[];
      };
      expect(experiment.tags?.some((tag) => /^owner:[\w-]+$/.test(tag))).toBe(true);
      const faults = experiment.method.filter((activity) => activity.provider?.type === 'faultline' && activity.provider.driver);
      expect(faults.length).toBeGreaterThan(0);
      for (const fault of faults) {
        const driver = getDriver(fault.provider!.driver!);
        const params = driver.validate(substitute(fault.provider!.arguments, experiment.configuration ?? {}));
        expect(driver.plan(params).ttlSeconds).toBeGreaterThanOrEqual(0);
      }
    },
  );
});
