/**
 * Every fault of one run goes through here: ledger entry first, then the driver, then the TTL
 * watchdog; and back out through revert(), which whoever comes first may call (the rollback
 * phase, a guardrail breach, an interruption, the watchdog) — the others find it already done.
 */
import { randomBytes } from 'node:crypto';
import type { FaultDriver, FaultPlan } from '../drivers/types.ts';
import type { Ledger } from './ledger.ts';
import type { LocatedActivity } from './model.ts';
import { isDriverProvider } from './model.ts';
import { Watchdog } from './watchdog.ts';

export type RevertReason = 'rollback' | 'guardrail' | 'interrupted' | 'ttl' | 'aborted';

export interface FaultRecord {
  fault_id: string;
  activity: string;
  driver: string;
  target: string;
  ttl_seconds: number;
  undo: string;
  injected_at?: string;
  reverted_at?: string;
  reverted_by?: RevertReason;
  /** Milliseconds the driver took to revert. */
  revert_ms?: number;
  revert_error?: string;
  output?: unknown;
}

interface ActiveFault {
  record: FaultRecord;
  driver: FaultDriver;
  undo?: Record<string, unknown>;
  reverting?: Promise<void>;
}

export interface FaultManagerOptions {
  ledger: Ledger;
  drivers: Record<string, FaultDriver>;
  owner: string;
  experiment: string;
  log: (message: string) => void;
  /** Resolved by the face (KUBECONFIG...), handed to drivers that talk to a cluster. */
  kubeconfig?: string;
  now?: () => Date;
}

export class FaultManager {
  private readonly options: FaultManagerOptions;
  private readonly active = new Map<string, ActiveFault>();
  private readonly order: string[] = [];
  private readonly watchdog = new Watchdog();
  /** Once everything has been reverted for good (breach, interrupt), late injections undo at once. */
  private closedBy: RevertReason | undefined;

  constructor(options: FaultManagerOptions) {
    this.options = options;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  records(): FaultRecord[] {
    return this.order.map((id) => this.active.get(id)!.record);
  }

  get closed(): RevertReason | undefined {
    return this.closedBy;
  }

  plan(entry: LocatedActivity): FaultPlan {
    const provider = entry.activity.provider;
    if (!isDriverProvider(provider)) throw new Error(`activity "${entry.activity.name}" is not a fault`);
    return this.options.drivers[provider.driver]!.plan(entry.driverParams as Record<string, unknown>);
  }

  async inject(entry: LocatedActivity, signal: AbortSignal): Promise<FaultRecord> {
    const provider = entry.activity.provider;
    if (!isDriverProvider(provider)) throw new Error(`activity "${entry.activity.name}" is not a fault`);
    if (this.closedBy) throw new Error(`not injected: the run is already rolling back (${this.closedBy})`);
    const driver = this.options.drivers[provider.driver]!;
    const params = entry.driverParams as Record<string, unknown>;
    const plan = driver.plan(params);
    const faultId = `fl-${randomBytes(5).toString('hex')}`;
    const recordedAt = this.now();
    const record: FaultRecord = {
      fault_id: faultId,
      activity: entry.activity.name,
      driver: driver.name,
      target: plan.target,
      ttl_seconds: plan.ttlSeconds,
      undo: plan.undo,
    };
    const fault: ActiveFault = { record, driver };
    this.active.set(faultId, fault);
    this.order.push(faultId);
    const identity = { faultId, owner: this.options.owner, kubeconfig: this.options.kubeconfig };
    // Drivers that can name their undo before touching anything let a crash mid-inject be undone too.
    const undoBefore = driver.undoBeforeInject?.(params, identity);
    this.options.ledger.record({
      faultId,
      driver: driver.name,
      experiment: this.options.experiment,
      activity: entry.activity.name,
      owner: this.options.owner,
      params,
      undoText: plan.undo,
      target: plan.target,
      state: 'injecting',
      ...(undoBefore ? { undo: undoBefore } : {}),
      ttlSeconds: plan.ttlSeconds,
      recordedAt: recordedAt.toISOString(),
      expiresAt: new Date(recordedAt.getTime() + plan.ttlSeconds * 1000).toISOString(),
    });
    let injected: Awaited<ReturnType<FaultDriver['inject']>>;
    try {
      injected = await driver.inject(params, { ...identity, signal, log: this.options.log });
    } catch (error) {
      record.revert_error = `injection failed: ${(error as Error).message}`;
      if (undoBefore) {
        // A half-done injection may have left something behind: undo with what we knew before.
        await driver.revert(undoBefore, { ...identity, log: this.options.log }).catch(() => undefined);
      }
      this.options.ledger.remove(faultId);
      throw error;
    }
    fault.undo = injected.undo;
    record.injected_at = this.now().toISOString();
    record.output = injected.output;
    this.options.ledger.markInjected(faultId, injected.undo);
    // A TTL of 0 is an instantaneous fault (a kill): nothing stays in force to expire.
    if (plan.ttlSeconds > 0) this.watchdog.arm(faultId, plan.ttlSeconds * 1000, () => this.revert(faultId, 'ttl'));
    // A breach or an interruption happened while the driver was injecting: undo right away.
    if (this.closedBy) await this.revert(faultId, this.closedBy);
    return record;
  }

  /** Idempotent: concurrent callers share one revert; a reverted fault stays reverted. */
  revert(faultId: string, reason: RevertReason): Promise<void> {
    const fault = this.active.get(faultId);
    if (!fault?.undo) return Promise.resolve();
    if (fault.reverting) return fault.reverting;
    this.watchdog.disarm(faultId);
    const started = performance.now();
    fault.reverting = fault.driver
      .revert(fault.undo, { faultId, owner: this.options.owner, kubeconfig: this.options.kubeconfig, log: this.options.log })
      .then(
        () => {
          fault.record.reverted_at = this.now().toISOString();
          fault.record.reverted_by = reason;
          fault.record.revert_ms = Math.round((performance.now() - started) * 100) / 100;
          this.options.ledger.remove(faultId);
          this.options.log(`reverted ${fault.record.driver} fault "${fault.record.activity}" (${reason})`);
        },
        (error: unknown) => {
          fault.record.revert_error = (error as Error).message;
          // Left in the ledger: the post step or `faultline chaos rollback` tries again.
          fault.reverting = undefined;
          this.options.log(`could not revert "${fault.record.activity}": ${(error as Error).message}`);
          throw error;
        },
      );
    return fault.reverting;
  }

  /** Reverts every fault still in force, newest first; returns the records it touched. */
  async revertAll(reason: RevertReason, options: { close?: boolean } = {}): Promise<FaultRecord[]> {
    if (options.close) this.closedBy ??= reason;
    const touched: FaultRecord[] = [];
    for (const id of [...this.order].reverse()) {
      const fault = this.active.get(id)!;
      if (!fault.undo || fault.record.reverted_at) continue;
      touched.push(fault.record);
      await this.revert(id, reason).catch(() => undefined);
    }
    return touched;
  }

  /** Stops the watchdog: call once every fault is reverted (or left to the ledger). */
  dispose(): void {
    this.watchdog.disarmAll();
  }
}
