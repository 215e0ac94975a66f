/**
 * Step 3 of the game day: a failover drill on the local primary and standby while the orders
 * service writes. `faultline failover verify` runs the drill file in the workspace (the same file a
 * user would commit): heartbeats, the fault (stop the primary, wait a second, promote the standby),
 * RTO and RPO measured against the objectives. Then the orders service's acknowledged orders are
 * looked up on the promoted standby: every one must be there.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../../../core/errors.ts';
import { writeLine } from '../../io.ts';
import { ordersFound } from '../support/order-service.ts';
import type { GameDay } from './context.ts';

export const DRILL_FILE = 'drills/orders-failover.yaml';

/** Passwords stay out of the file: the URLs come from the environment, as they would from CI secrets. */
export const DRILL = `# The game day's failover drill (faultline demo). The URLs and the primary's pid come from the
# environment; the fault is what an operator's runbook does: stop the primary, promote the standby.
name: orders database failover
objectives:
  rto: 20s
  rpo: 1s
writer:
  interval: 100ms
  timeout: 1s
  postgres:
    urls:
      - postgres://postgres:\${DEMO_PASSWORD}@127.0.0.1:\${DEMO_PRIMARY_PORT}/postgres
      - postgres://postgres:\${DEMO_PASSWORD}@127.0.0.1:\${DEMO_STANDBY_PORT}/postgres
probes:
  - name: standby-role
    interval: 100ms
    postgres:
      url: postgres://postgres:\${DEMO_PASSWORD}@127.0.0.1:\${DEMO_STANDBY_PORT}/postgres
      query: select pg_is_in_recovery()
fault:
  command: >-
    kill -INT "$DEMO_PRIMARY_PID";
    while kill -0 "$DEMO_PRIMARY_PID" 2>/dev/null; do sleep 0.02; done;
    sleep 1;
    psql "$DEMO_STANDBY_URL" -qAtc "select pg_promote()" >/dev/null
recovery:
  timeout: 30s
  settle: 1s
`;

export async function runFailoverDemo(day: GameDay): Promise<number> {
  const { io } = day;
  if (!day.database) throw new Error('the failover part needs the database started');
  writeLine(io.stdout, 'Waiting for the PostgreSQL primary, its streaming standby and the orders service...');
  const db = await day.database;
  writeLine(io.stdout, `Primary 127.0.0.1:${db.primary.port} (pid ${db.primary.pid}), standby 127.0.0.1:${db.standby.port}; orders written so far: ${db.orders.stats.acknowledged}`);
  mkdirSync(join(day.workspace, 'drills'), { recursive: true });
  writeFileSync(join(day.workspace, DRILL_FILE), DRILL);
  const resultPath = join(day.resultsDir, 'faultline-failover-result.json');
  const reportPath = join(day.resultsDir, 'failover-report.md');
  const args = ['verify', '--config', DRILL_FILE, '--result', resultPath, '--report', reportPath, '--ledger', join(day.workspace, '.faultline', 'failover-ledger.json')];
  writeLine(io.stdout, `$ faultline failover ${args.slice(0, 3).join(' ')}\n`);
  const { command } = await import('../../commands/failover.ts');
  const env = {
    ...io.env,
    DEMO_PASSWORD: db.primary.password,
    DEMO_PRIMARY_PORT: String(db.primary.port),
    DEMO_STANDBY_PORT: String(db.standby.port),
    DEMO_STANDBY_URL: db.standby.url,
    DEMO_PRIMARY_PID: String(db.primary.pid),
  };
  let code: number;
  try {
    code = await command.run(args, { ...io, cwd: day.workspace, env });
  } catch (error) {
    writeLine(io.stderr, `Failover demo: ${describeError(error)}`);
    return 2;
  }
  // The report `--report` wrote: the drill's objectives, figures and Mermaid timeline.
  day.reports.push({ title: 'Failover drill', markdown: readFileSync(reportPath, 'utf8') });

  // The application's view: its acknowledged orders, looked up on the side that took over.
  await db.orders.stop();
  const acknowledged = db.orders.acknowledgedIds;
  const found = await ordersFound(db.standby.url, acknowledged);
  const { failed, switches } = db.orders.stats;
  writeLine(io.stdout, `\nOrders service: ${acknowledged.length} orders acknowledged, ${failed} refused during the outage, ${switches === 1 ? 'switched to the promoted standby' : `${switches} switches`}; ${found} of ${acknowledged.length} are on the promoted standby.`);
  const lost = acknowledged.length - found;
  if (lost > 0) writeLine(io.stdout, `${lost} acknowledged order(s) are missing on the promoted standby: data was lost.`);
  if (code === 0 && lost === 0) writeLine(io.stdout, 'As designed: the standby took over within the objectives and no acknowledged order was lost.');
  return code === 0 && lost === 0 ? 0 : code === 0 ? 1 : code;
}
