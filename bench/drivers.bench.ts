/**
 * How long the local fault drivers take to inject and, above all, to revert: revert time is the
 * driver's share of the "fault removed within 1 s of a breach" target. Real faults on real local
 * targets: a frozen child process, an iptables partition in a throwaway network namespace (root
 * only), and stress-ng. Prints p50/p95 in milliseconds over RUNS runs each.
 *   node bench/drivers.bench.ts [RUNS]
 */
import { execFileSync, spawn } from 'node:child_process';
import { networkDriver } from '../core/drivers/network.ts';
import { processDriver } from '../core/drivers/process.ts';
import { readStat } from '../core/drivers/proc.ts';
import { stressDriver } from '../core/drivers/stress.ts';
import type { DriverContext, FaultDriver } from '../core/drivers/types.ts';

const RUNS = Number(process.argv[2] ?? 20);

function context(faultId: string): DriverContext {
  return { faultId, owner: 'bench', signal: new AbortController().signal, log: () => undefined };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure<P>(label: string, driver: FaultDriver<P>, args: unknown, after?: () => void): Promise<void> {
  const params = driver.validate(args);
  const inject: number[] = [];
  const revert: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const ctx = context(`bench-${label.replace(/\W+/g, '-')}-${run}`);
    let start = performance.now();
    const injected = await driver.inject(params, ctx);
    inject.push(performance.now() - start);
    start = performance.now();
    await driver.revert(injected.undo, ctx);
    revert.push(performance.now() - start);
    after?.();
  }
  inject.sort((a, b) => a - b);
  revert.sort((a, b) => a - b);
  const fmt = (values: number[]) => `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms`;
  console.log(`${label.padEnd(34)} inject ${fmt(inject)} | revert ${fmt(revert)}  (${RUNS} runs)`);
}

const target = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'faultline-bench-target'], { stdio: 'ignore' });
try {
  await new Promise((resolve) => setTimeout(resolve, 200));
  await measure('process stop (SIGSTOP/SIGCONT)', processDriver, { pid: target.pid, action: 'stop', ttl: 600 }, () => {
    if (readStat(target.pid!)?.state === 'T') throw new Error('target still stopped after revert');
  });
} finally {
  target.kill('SIGKILL');
}

if (process.getuid?.() === 0) {
  const ns = `flt-bench-${process.pid}`;
  execFileSync('ip', ['netns', 'add', ns]);
  try {
    await measure('network partition (netns, 2 rules)', networkDriver, { action: 'partition', netns: ns, port: 8080, ttl: 600 });
    await measure('network blackhole (host-less, egress)', networkDriver, { action: 'blackhole', netns: ns, port: 8080, direction: 'egress', ttl: 600 });
  } finally {
    execFileSync('ip', ['netns', 'del', ns]);
  }
} else {
  console.log('network: skipped (needs root to create a network namespace)');
}

await measure('stress cpu (stress-ng, 1 worker)', stressDriver, { cpu: 1, 'cpu-load': 10, ttl: 600 });
