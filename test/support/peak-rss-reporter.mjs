/**
 * Preloaded into every Node process of a measured command (NODE_OPTIONS=--import=…, so it also
 * reaches the Node a script such as bin/faultline starts): on exit, appends the process's peak
 * resident set size in KiB to the file named by FAULTLINE_PEAK_RSS_FILE.
 *
 * Plain JavaScript on purpose: a TypeScript preload would make every measured process (and each of
 * its worker threads, which preloads reach too) load Node's type stripper first, tens of
 * milliseconds the faces themselves do not spend.
 */
import { appendFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.FAULTLINE_PEAK_RSS_FILE;
if (file && isMainThread) {
  process.on('exit', () => appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS}\n`));
}
