/** Runs experiment text through load → prepare → run with the real process driver and probes. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processDriver } from '../../../core/drivers/process.ts';
import type { FaultDriver } from '../../../core/drivers/types.ts';
import { readExperiment } from '../../../core/experiment/engine.ts';
import type { Journal } from '../../../core/experiment/journal.ts';
import { Ledger } from '../../../core/experiment/ledger.ts';
import { type RunEvent, runExperiment } from '../../../core/experiment/runner.ts';
import { probes } from '../../../core/probes/index.ts';

export const testDrivers: Record<string, FaultDriver> = { process: processDriver as unknown as FaultDriver };

export interface Ran {
  journal: Journal;
  ledgerPath: string;
  events: RunEvent[];
  cleanup(): void;
}

export async function runText(
  text: string,
  options: { env?: Record<string, string>; vars?: Record<string, string>; signal?: AbortSignal; file?: string } = {},
): Promise<Ran> {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-run-'));
  const ledgerPath = join(dir, 'ledger.json');
  const events: RunEvent[] = [];
  const { prepared } = readExperiment(text, options.file ?? 'experiment.yaml', {
    drivers: testDrivers,
    env: options.env ?? {},
    vars: options.vars,
  });
  const journal = await runExperiment(prepared, {
    drivers: testDrivers,
    probes,
    ledger: new Ledger(ledgerPath),
    signal: options.signal,
    searchPath: (process.env.PATH ?? '').split(':'),
    cwd: process.cwd(),
    onEvent: (event) => events.push(event),
  });
  return { journal, ledgerPath, events, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
