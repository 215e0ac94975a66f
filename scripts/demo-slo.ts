/**
 * `node scripts/demo-slo.ts`: the SLO part of `faultline demo` on its own: a local Prometheus with
 * generated traffic, `faultline slo status` on examples/slos, Prometheus stopped again. Exit 0
 * when everything came out as designed. Needs Debian's prometheus package (scripts/setup.sh).
 */
import { runSloDemo } from '../cli/demo/slo-demo.ts';
import { processIO } from '../cli/io.ts';

process.exitCode = await runSloDemo(processIO());
