/**
 * Preloaded into every Node process of a measured command (NODE_OPTIONS=--import=…, so it also
 * reaches the Node a script such as bin/faultline starts): on exit, appends the process's peak
 * resident set size in KiB to the file named by FAULTLINE_PEAK_RSS_FILE.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.FAULTLINE_PEAK_RSS_FILE;
if (file) {
  process.on('exit', () => appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS}\n`));
}
