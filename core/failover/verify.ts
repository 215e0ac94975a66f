/**
 * What both faces call: read the drill file, run it with the chaos engine available for
 * experiment faults, and hand back the outcome. The faces own signals, output and the result file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, resolve } from 'node:path';
import { drivers } from '../drivers/index.ts';
import { FaultlineError } from '../errors.ts';
import { probes } from '../probes/index.ts';
import { loadDrill } from './drill.ts';
import { type DrillProgress, runDrill } from './engine.ts';
import type { ProcessList } from './processes.ts';
import type { Drill, DrillOutcome, TimelineEvent } from './types.ts';

export interface VerifyOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Where experiment faults record what they injected (rolled back by revertAll). */
  ledgerPath: string;
  processes?: ProcessList;
  onProgress?: (progress: DrillProgress) => void;
  onEvent?: (event: TimelineEvent) => void;
  log?: (message: string) => void;
}

/** Reads and checks a drill file; throws FaultlineError (exit 2) naming file:line:col. */
export function readDrillFile(configPath: string, cwd: string, env: NodeJS.ProcessEnv = {}, secrets?: Set<string>): Drill {
  const path = resolve(cwd, configPath);
  if (!existsSync(path)) throw new FaultlineError(`drill file ${configPath} does not exist`, { hint: 'pass the path of a drill YAML/JSON file (see docs/failover.md)' });
  return loadDrill(readFileSync(path, 'utf8'), configPath, dirname(path), { env, secrets });
}

export async function verifyDrill(drill: Drill, options: VerifyOptions): Promise<DrillOutcome> {
  return runDrill(drill, {
    cwd: drill.baseDir,
    env: options.env,
    signal: options.signal,
    processes: options.processes,
    onProgress: options.onProgress,
    onEvent: options.onEvent,
    chaos: { drivers, probes, ledgerPath: options.ledgerPath, searchPath: (options.env.PATH ?? '').split(delimiter).filter(Boolean), log: options.log },
  });
}
