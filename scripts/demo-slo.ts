/**
 * `node scripts/demo-slo.ts`: the SLO part of `faultline demo` on its own: a local Prometheus with
 * generated traffic and `faultline slo status` on examples/slos, then a canary replayed from a
 * second one. Prometheus is stopped after each. Exit 0 when both came out as designed. Needs
 * Debian's prometheus package (scripts/setup.sh).
 */
import { runCanaryDemo } from '../cli/demo/canary-demo.ts';
import { runSloDemo } from '../cli/demo/slo-demo.ts';
import { processIO, writeLine } from '../cli/io.ts';

const io = processIO();
const status = await runSloDemo(io);
writeLine(io.stdout);
const canary = await runCanaryDemo(io);
process.exitCode = status === 0 && canary === 0 ? 0 : Math.max(status, canary);
