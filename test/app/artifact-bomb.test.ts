/**
 * Artifacts are written by workflows a pull request can influence, and a zip can make its reader
 * inflate gigabytes. Each case is a zip an attacker would upload; the limits hold before the bytes
 * exist, and the example (2 MB of zip, 400 entries of 5 MB) is read in a child process
 * whose memory and /healthz latency are measured.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { readResultsFromZip, ZIP_LIMITS } from '../../app/artifact-results.ts';
import { createResult } from '../../core/result.ts';
import { zeros, zipBomb, zipOfEntries } from '../support/zip-bomb.ts';

const MiB = 1024 * 1024;
const at = new Date('2026-11-25T10:00:00Z');
const valid = createResult({ kind: 'chaos', name: 'kill-api', verdict: 'pass', startedAt: at, finishedAt: at });
const archiveProblem = (rejected: { file: string; problems: string[] }[]) => rejected.find((r) => r.file === '(archive)')?.problems[0] ?? '';

describe('zip archives an attacker uploads as an artifact', () => {
  it('does not inflate entries whose headers declare more than the per-entry limit', async () => {
    const { results, rejected } = await readResultsFromZip('bomb', zipBomb(3, ZIP_LIMITS.maxEntryBytes + 1));
    expect(results).toEqual([]);
    expect(rejected.map((r) => r.problems[0])).toEqual(Array(3).fill(expect.stringContaining('over the 4 MB limit for a result file: not read')));
  });

  it('refuses the archive once an entry inflates past the size its header declared', async () => {
    const body = zeros(5 * MiB);
    const liar = zipOfEntries([{ name: 'faultline-result.json', data: body.data, crc: body.crc, declaredSize: 1000 }]);
    const { results, rejected } = await readResultsFromZip('liar', liar);
    expect(results).toEqual([]);
    expect(archiveProblem(rejected)).toContain('faultline-result.json inflates past its declared 1000 bytes');
  });

  it('refuses the archive once its JSON adds up to more than the total limit', async () => {
    const { results, rejected } = await readResultsFromZip('many', zipBomb(3, ZIP_LIMITS.maxEntryBytes));
    expect(results).toEqual([]);
    expect(archiveProblem(rejected)).toContain('add up to more than 8 MB uncompressed');
  });

  it('refuses an archive with more entries than any artifact of ours has, without inflating them', async () => {
    const { rejected } = await readResultsFromZip('wide', zipBomb(ZIP_LIMITS.maxEntries + 1, 10, '.txt'));
    expect(archiveProblem(rejected)).toContain(`more than ${ZIP_LIMITS.maxEntries} entries`);
  });

  it('refuses a download larger than the limit without opening it', async () => {
    const { rejected } = await readResultsFromZip('huge', new Uint8Array(ZIP_LIMITS.maxZipBytes + 1), ZIP_LIMITS);
    expect(archiveProblem(rejected)).toContain('over the 50 MB limit');
  });

  it('still reads a valid result next to the refused entries of an honest artifact', async () => {
    const zip = zipSync({ 'faultline-result.json': strToU8(JSON.stringify(valid)), 'journal.json': strToU8('{"run":[]}') });
    expect(await readResultsFromZip('ok', zip)).toEqual({ results: [valid], rejected: [] });
  });
});

describe('the issue’s zip bomb, read in a process of its own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-bomb-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['truthful headers (400 × 5 MB)', () => zipBomb(400, 5 * MiB)],
    ['entries just under the per-entry limit (400 × 4 MB)', () => zipBomb(400, 4 * MiB)],
    ['lying headers (400 × 5 MB declared as 1 kB each)', () => {
      const body = zeros(5 * MiB);
      return zipOfEntries(Array.from({ length: 400 }, (_, i) => ({ name: `r${i}.json`, data: body.data, crc: body.crc, declaredSize: 1000 })));
    }],
  ])('%s: RSS grows by less than 100 MB and the event loop (so /healthz) is never held 100 ms', (_case, build) => {
    const zip = build();
    expect(zip.length).toBeLessThan(2.1 * MiB);
    const file = join(dir, 'bomb.zip');
    writeFileSync(file, zip);
    const probe = new URL('../support/artifact-bomb-probe.ts', import.meta.url).pathname;
    const run = spawnSync(process.execPath, [probe, file], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    const measured = JSON.parse(run.stdout) as { rssGrowthMiB: number; eventLoopMaxDelayMs: number; healthzSamples: number; results: number; rejected: { file: string }[] };
    expect(measured.results).toBe(0);
    expect(measured.rejected.some((r) => r.file === '(archive)')).toBe(true);
    expect(measured.rssGrowthMiB).toBeLessThan(100);
    // A /healthz round trip on a shared machine varies with its load (the probe reports them);
    // the event loop's longest stall is what the read itself adds to every request, /healthz too.
    expect(measured.healthzSamples).toBeGreaterThan(0);
    expect(measured.eventLoopMaxDelayMs).toBeLessThan(100);
  });
});
