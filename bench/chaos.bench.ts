/**
 * Chaos engine figures:
 *  1. breach → fault removed: a real service is frozen with the process driver (SIGSTOP), a
 *     guardrail's HTTP probe times out, and we read the journal's `faults_removed_ms` (from the
 *     moment the breach was observed to SIGCONT done). p50/p95 over RUNS runs; target < 1000 ms.
 *  2. engine overhead per probe: a steady-state check of one probe through the engine (activity
 *     record, tolerance, redaction) minus the same probe called directly, averaged.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processDriver } from '../core/drivers/process.ts';
import type { FaultDriver } from '../core/drivers/types.ts';
import type { ActivityContext } from '../core/experiment/activity.ts';
import { readExperiment } from '../core/experiment/engine.ts';
import { FaultManager } from '../core/experiment/faults.ts';
import { checkSteadyState } from '../core/experiment/hypothesis.ts';
import { Ledger } from '../core/experiment/ledger.ts';
import { runExperiment } from '../core/experiment/runner.ts';
import { probes } from '../core/probes/index.ts';

const RUNS = Number(process.argv[2] ?? 25);
const PROBE_CALLS = 500;
const drivers: Record<string, FaultDriver> = { process: processDriver as unknown as FaultDriver };
const service = new URL('../examples/services/hello-service.mjs', import.meta.url).pathname;

async function startService(): Promise<{ pid: number; url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [service, '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise<number>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /127\.0\.0\.1:(\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
  });
  return {
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await exited;
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const dir = mkdtempSync(join(tmpdir(), 'faultline-bench-'));
const target = await startService();
try {
  const removal: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const text = `
title: bench ${i}
description: guardrail breach to removal
tags: [owner:bench]
guardrails:
  frequency: 0.05
  probes:
    - type: probe
      name: health
      provider: { type: faultline, probe: http, arguments: { url: "${target.url}/health", timeout: 0.15 } }
      tolerance: true
method:
  - type: action
    name: freeze
    provider: { type: faultline, driver: process, arguments: { action: stop, pid: ${target.pid}, ttl: 30 } }
    pauses: { after: 10 }
`;
    const { prepared } = readExperiment(text, 'bench.yaml', { drivers, env: {} });
    const journal = await runExperiment(prepared, { drivers, probes, ledger: new Ledger(join(dir, `ledger-${i}.json`)), searchPath: [], cwd: dir });
    const ms = journal.faultline.breaches[0]?.faults_removed_ms;
    if (ms === undefined || journal.faultline.faults[0]?.reverted_by !== 'guardrail') throw new Error(`run ${i}: no guardrail revert`);
    removal.push(ms);
  }
  removal.sort((a, b) => a - b);
  console.log(`guardrail breach observed → fault removed (process driver, SIGSTOP→SIGCONT), ${RUNS} runs:`);
  console.log(`  p50 ${percentile(removal, 50).toFixed(2)} ms   p95 ${percentile(removal, 95).toFixed(2)} ms   max ${removal.at(-1)!.toFixed(2)} ms   (target < 1000 ms)`);

  // Engine overhead per probe: the process probe is cheap (reads /proc), so the difference is ours.
  const { prepared } = readExperiment(
    `title: overhead\ndescription: d\nsteady-state-hypothesis:\n  title: s\n  probes:\n    - type: probe\n      name: alive\n      provider: { type: faultline, probe: process, arguments: { pid: ${target.pid} } }\n      tolerance: true\nmethod:\n  - ref: alive\n`,
    'overhead.yaml',
    { drivers, env: {} },
  );
  const signal = new AbortController().signal;
  const context: ActivityContext = {
    faults: new FaultManager({ ledger: new Ledger(join(dir, 'unused.json')), drivers, owner: 'bench', experiment: 'overhead', log: () => undefined }),
    probes,
    redactor: prepared.redactor,
    searchPath: [],
    cwd: dir,
    signal,
  };
  const entry = prepared.hypothesis[0]!;
  const probe = probes.process;
  const time = async (fn: () => Promise<unknown>) => {
    for (let i = 0; i < 50; i++) await fn();
    const start = performance.now();
    for (let i = 0; i < PROBE_CALLS; i++) await fn();
    return (performance.now() - start) / PROBE_CALLS;
  };
  const direct = await time(() => probe.run(entry.probeArgs, { signal }));
  const viaEngine = await time(() => checkSteadyState([entry], context));
  console.log(`engine overhead per probe (process probe, ${PROBE_CALLS} calls): direct ${(direct * 1000).toFixed(1)} µs, through the engine ${(viaEngine * 1000).toFixed(1)} µs, overhead ${((viaEngine - direct) * 1000).toFixed(1)} µs`);
} finally {
  await target.stop();
  rmSync(dir, { recursive: true, force: true });
}
