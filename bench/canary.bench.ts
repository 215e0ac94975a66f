/**
 * Canary judge and rule generation costs: Mann-Whitney exact vs normal, a whole metric judgement
 * (U test + Hodges-Lehmann over every pair) at growing sample sizes, and rules for 100 SLOs
 * checked by promtool. Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judgeMetric } from '../core/slo/canary/judge.ts';
import { mannWhitneyU } from '../core/slo/canary/mann-whitney.ts';
import { generateRules } from '../core/slo/rules.ts';
import type { SloDefinition } from '../core/slo/types.ts';

let seed = 1;
const random = () => {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
};
const sample = (n: number, mean: number) => Array.from({ length: n }, () => mean + random() * 10);

function time(label: string, runs: number, fn: () => unknown): void {
  fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / runs;
  console.log(`${label.padEnd(52)} ${ms.toFixed(3).padStart(10)} ms`);
}

const small = [sample(25, 100), sample(25, 102)] as const;
time(`mannWhitneyU exact, 25 + 25 (${mannWhitneyU(...small).method})`, 200, () => mannWhitneyU(...small));
for (const n of [60, 600, 3000]) {
  const canary = sample(n, 102);
  const baseline = sample(n, 100);
  time(`mannWhitneyU normal, ${n} + ${n}`, n > 1000 ? 5 : 50, () => mannWhitneyU(canary, baseline));
  time(`judgeMetric (U + Hodges-Lehmann), ${n} + ${n}`, n > 1000 ? 2 : 20, () => judgeMetric({ name: 'm', query: '{{selector}}' }, canary, baseline, 0.95));
}

const slos: SloDefinition[] = Array.from({ length: 100 }, (_, i) => ({
  name: `svc-${i}-availability`,
  service: `svc-${i}`,
  target: 0.999,
  window: { kind: 'rolling', duration: '28d', seconds: 28 * 86400 },
  budgetingMethod: 'Occurrences',
  indicator: {
    kind: 'ratio',
    bad: `sum(rate(http_requests_total{service="svc-${i}",code=~"5.."}[{{window}}]))`,
    total: `sum(rate(http_requests_total{service="svc-${i}"}[{{window}}]))`,
  },
  source: { file: 'bench', line: 1 },
}));
let rules = '';
time('generateRules, 100 SLOs', 20, () => (rules = generateRules(slos)));
const dir = mkdtempSync(join(tmpdir(), 'faultline-bench-rules-'));
try {
  const file = join(dir, 'rules.yml');
  writeFileSync(file, rules);
  const start = process.hrtime.bigint();
  const check = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`${'promtool check rules, 100 SLOs'.padEnd(52)} ${ms.toFixed(1).padStart(10)} ms  (${(check.stdout.match(/\d+ rules found/) ?? ['failed'])[0]}, ${(rules.length / 1024).toFixed(0)} KiB)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
