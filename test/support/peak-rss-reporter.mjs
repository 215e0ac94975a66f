/**
 * Preloaded into every Node process of a measured command (NODE_OPTIONS=--import=…, so it also
 * reaches the Node a script such as bin/faultline starts): on exit, appends the process's peak
 * resident set size in KiB to the file named by FAULTLINE_PEAK_RSS_FILE.
 *
 * The peak is VmHWM, the high-water mark of this process's own memory since its exec. Not
 * getrusage's maxRSS: Linux carries that across exec, so a process forked from a large parent (a
 * jest worker hundreds of MiB in, through bin/faultline's shell) reports the parent's size.
 *
 * Plain JavaScript on purpose: a TypeScript preload would make every measured process (and each of
 * its worker threads, which preloads reach too) load Node's type stripper first, tens of
 * milliseconds the faces themselves do not spend.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

function peakKiB() {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // Not Linux: maxRSS is the best there is.
  }
  return process.resourceUsage().maxRSS;
}

const file = process.env.FAULTLINE_PEAK_RSS_FILE;
if (file && isMainThread) {
  process.on('exit', () => appendFileSync(file, `${process.pid} ${peakKiB()}\n`));
}
