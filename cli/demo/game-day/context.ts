/**
 * What the parts of the game day share: the "pull request's" checkout (a temp copy of the examples
 * the actions read), where results and reports go, what was started (the teardown), the local
 * targets started in the background, and what each part left for the evidence and the report.
 */
import type { CliIO } from '../../io.ts';
import type { CephRgw } from '../support/ceph-rgw.ts';
import type { OrderService } from '../support/order-service.ts';
import type { TestPostgres } from '../support/postgres.ts';
import type { TestStandby } from '../support/postgres-standby.ts';
import type { Teardown } from '../support/teardown.ts';

export interface Database {
  primary: TestPostgres;
  standby: TestStandby;
  orders: OrderService;
}

/** Ceph RGW when its packages are installed; otherwise why the S3 step is skipped. */
export type S3Target = { rgw: CephRgw } | { skipped: string };

export interface GameDay {
  io: CliIO;
  /** This repository (examples, action dists). */
  root: string;
  /** A temp checkout of the "pull request": examples/, drills/, and results/ the actions write. */
  workspace: string;
  /** Result files and reports, in the workspace: what the evidence bundle holds. */
  resultsDir: string;
  /** Where the PR comment's Markdown and HTML page are written for the reader. */
  outDir: string;
  teardown: Teardown;
  /** Aborted on SIGINT/SIGTERM: parts stop starting new work. */
  signal: AbortSignal;
  /** Started in the background when a chosen part needs them. */
  database?: Promise<Database>;
  s3?: Promise<S3Target>;
  /** Markdown reports for the HTML page (the drill's timeline, the experiments' charts). */
  reports: { title: string; markdown: string }[];
}
