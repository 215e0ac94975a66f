/**
 * Run as a child process by test/app/artifact-bomb.test.ts: serves /healthz, reads the zip named
 * on the command line the way the app reads an artifact, and prints what it cost as JSON: RSS
 * growth (the highest RSS sampled while reading, minus RSS before the read; the process's lifetime
 * peak would also count module loading before the read) and /healthz latencies measured meanwhile.
 * A process of its own, so the peak RSS is this read's and not the test runner's.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readResultsFromZip } from '../../app/artifact-results.ts';

const zip = new Uint8Array(readFileSync(process.argv[2]!));
const server = createServer((_request, response) => response.end('{"status":"ok"}'));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
await (await fetch(url)).text(); // the first request pays for connecting and compiling

const latencies: number[] = [];
let reading = true;
let rssPeak = 0;
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
}, 2);
const probe = (async () => {
  while (reading) {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    const started = performance.now();
    await (await fetch(url)).text();
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
})();
const loop = monitorEventLoopDelay({ resolution: 5 });
const rssBefore = process.memoryUsage().rss;
rssPeak = rssBefore;
loop.enable();
const started = performance.now();
const { results, rejected } = await readResultsFromZip('bomb', zip);
const readMs = performance.now() - started;
rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
clearInterval(sampler);
loop.disable();
reading = false;
await probe;
server.close();
const sorted = [...latencies].sort((a, b) => a - b);
process.stdout.write(
  `${JSON.stringify({
    rssGrowthMiB: (rssPeak - rssBefore) / 1024 / 1024,
    readMs,
    /** The longest the event loop was held up while reading (what delays every request). */
    eventLoopMaxDelayMs: loop.max / 1e6,
    healthzSamples: latencies.length,
    healthzMedianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    healthzMaxMs: sorted.at(-1) ?? 0,
    results: results.length,
    rejected,
  })}\n`,
);
