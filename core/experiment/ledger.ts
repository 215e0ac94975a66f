/**
 * The ledger: a JSON file listing every fault that may still be in force. An entry is written
 * BEFORE the driver injects (state "injecting"), completed with the driver's undo record once it
 * has, and removed once the fault is reverted. Whatever happens to the process that injected —
 * a crash, SIGKILL, a cancelled job — another process (the action's post: step, `faultline chaos
 * rollback`) reads the file and undoes what is left. Writes are synchronous and atomic (write a
 * temporary file, rename), so a reader never sees half a file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FaultDriver, UndoRecord } from '../drivers/types.ts';
import { FaultlineError } from '../errors.ts';

export interface LedgerEntry {
  faultId: string;
  driver: string;
  /** Experiment title and activity name, for the person reading the ledger. */
  experiment: string;
  activity: string;
  owner: string;
  /** The driver's checked parameters: what was going to be done. */
  params: unknown;
  /** How to undo it, in words (the plan's `undo`). */
  undoText: string;
  target: string;
  state: 'injecting' | 'injected';
  /**
   * Set when state is "injected"; while "injecting", set only by drivers that know their undo
   * before touching anything (undoBeforeInject).
   */
  undo?: UndoRecord;
  ttlSeconds: number;
  recordedAt: string;
  expiresAt: string;
}

interface LedgerFile {
  version: 1;
  entries: LedgerEntry[];
}

export class Ledger {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  entries(): LedgerEntry[] {
    if (!existsSync(this.path)) return [];
    let parsed: LedgerFile;
    try {
      parsed = JSON.parse(readFileSync(this.path, 'utf8')) as LedgerFile;
    } catch (error) {
      throw new FaultlineError(`cannot read the fault ledger: ${(error as Error).message}`, {
        file: this.path,
        hint: 'the file is written by faultline only; if it was edited by hand, restore it or revert the faults it lists yourself',
      });
    }
    if (parsed?.version !== 1 || !Array.isArray(parsed.entries)) {
      throw new FaultlineError('this is not a faultline fault ledger (version 1)', { file: this.path });
    }
    return parsed.entries;
  }

  private write(entries: LedgerEntry[]): void {
    if (entries.length === 0) {
      rmSync(this.path, { force: true });
      return;
    }
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    // The ledger may hold undo data such as API endpoints: readable by its owner only.
    writeFileSync(temporary, `${JSON.stringify({ version: 1, entries } satisfies LedgerFile, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.path);
  }

  /** Before injection: what will be done and until when. */
  record(entry: LedgerEntry): void {
    this.write([...this.entries().filter((e) => e.faultId !== entry.faultId), entry]);
  }

  markInjected(faultId: string, undo: UndoRecord): void {
    this.write(this.entries().map((e) => (e.faultId === faultId ? { ...e, state: 'injected' as const, undo } : e)));
  }

  remove(faultId: string): void {
    this.write(this.entries().filter((e) => e.faultId !== faultId));
  }
}

export interface RevertAllReport {
  reverted: LedgerEntry[];
  /** The driver failed to undo; the entry stays in the ledger for another try. */
  failed: { entry: LedgerEntry; error: string }[];
  /**
   * The run stopped while the driver was injecting, before its undo record was written: we
   * cannot know whether the fault exists. Removed from the ledger and reported with how to check.
   */
  unconfirmed: LedgerEntry[];
}

export interface RevertAllOptions {
  drivers: Record<string, FaultDriver>;
  log?: (message: string) => void;
  kubeconfig?: string;
}

/**
 * Undoes everything a ledger file still lists, newest first. Used by the action's post: step and
 * by the CLI after an interruption; safe to call when the file does not exist.
 */
export async function revertAll(ledgerPath: string, options: RevertAllOptions): Promise<RevertAllReport> {
  const ledger = new Ledger(ledgerPath);
  const log = options.log ?? (() => undefined);
  const report: RevertAllReport = { reverted: [], failed: [], unconfirmed: [] };
  for (const entry of ledger.entries().reverse()) {
    if (!entry.undo) {
      log(`fault ${entry.faultId} (${entry.activity}) was being injected when the run stopped; check by hand: ${entry.undoText}`);
      ledger.remove(entry.faultId);
      report.unconfirmed.push(entry);
      continue;
    }
    const driver = options.drivers[entry.driver];
    if (!driver) {
      report.failed.push({ entry, error: `driver "${entry.driver}" is not installed in this faultline` });
      continue;
    }
    try {
      await driver.revert(entry.undo, { faultId: entry.faultId, owner: entry.owner, kubeconfig: options.kubeconfig, log });
      ledger.remove(entry.faultId);
      report.reverted.push(entry);
      log(`reverted ${entry.driver} fault ${entry.faultId} (${entry.activity}): ${entry.undoText}`);
    } catch (error) {
      report.failed.push({ entry, error: (error as Error).message });
      log(`could not revert ${entry.driver} fault ${entry.faultId} (${entry.activity}): ${(error as Error).message}`);
    }
  }
  return report;
}
