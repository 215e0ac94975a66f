/**
 * The contract every fault driver honours. A fault is injected only after the ledger has recorded
 * what will be done, and everything needed to undo it lives in the JSON-serialisable `undo` record,
 * so a different process (the action's post: step, a CLI after a crash) can roll it back.
 */

/** What `--dry-run` prints: what, where, how long, how it is undone. */
export interface FaultPlan {
  driver: string;
  action: string;
  target: string;
  /**
   * Time-to-live in seconds: the fault ends by itself after this, whatever happens to us.
   * 0 for an instantaneous fault (a kill, a pod deletion): nothing stays in force to undo.
   */
  ttlSeconds: number;
  undo: string;
  /** How many targets the fault may touch (blast radius), when the driver counts them. */
  blastRadius?: { limit: number; unit: 'targets' | 'percent' };
}

/** JSON the driver needs to undo its fault, recorded in the ledger. */
export type UndoRecord = Record<string, unknown>;

export interface InjectedFault {
  /** Undo data; the ledger stores it next to the fault id. */
  undo: UndoRecord;
  /** What was touched, for the journal (pids, rule specs, pod names...). */
  output: unknown;
}

export interface DriverContext {
  /** Fault id, also used as owner/ttl tag where the backend can carry one (labels, comments). */
  faultId: string;
  owner: string;
  signal: AbortSignal;
  log(message: string): void;
  /**
   * Kubeconfig file the face resolved (KUBECONFIG, ~/.kube/config), for drivers that talk to a
   * cluster when the experiment names none; the core never reads the environment itself.
   */
  kubeconfig?: string;
}

export interface FaultDriver<Params = Record<string, unknown>> {
  /** Provider `driver:` name, e.g. `process`, `network`. */
  name: string;
  /** Checks and normalises the arguments; throws FaultlineError naming the bad argument. */
  validate(args: unknown): Params;
  plan(params: Params): FaultPlan;
  /**
   * An undo record known before anything is touched (rule comments, resource names, tags derived
   * from the fault id), for the ledger entry written BEFORE inject: reverting with it removes
   * whatever a crashed inject may have left. Replace it with inject's own record once inject returns.
   */
  undoBeforeInject?(params: Params, context: Pick<DriverContext, 'faultId' | 'owner' | 'kubeconfig'>): UndoRecord;
  /** Makes the fault real. Must be bounded by the plan's TTL where the backend allows it. */
  inject(params: Params, context: DriverContext): Promise<InjectedFault>;
  /** Removes the fault; idempotent (a second call, or one after the TTL expired, is harmless). */
  revert(undo: UndoRecord, context: Omit<DriverContext, 'signal'>): Promise<void>;
}
