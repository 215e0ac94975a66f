/**
 * `npm run check-dist`: fails when a committed dist/ (or the root action.yml) differs from a fresh
 * build of its sources. With bundle names it checks those; without, the root action.yml and every
 * bundle, one child process per bundle and as many at once as there are cores (ncc is
 * single-threaded, and this step was about a quarter of CI's time).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { bundleAction, distDir, listBundles, ROOT } from './bundle-action.ts';
import { marketplaceManifest } from './marketplace-action.ts';

function committedFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

async function checkOne(name: string): Promise<boolean> {
  const dist = distDir(name);
  const fresh = await bundleAction(name);
  const problems: string[] = [];
  for (const [file, contents] of fresh) {
    const path = join(dist, file);
    if (!existsSync(path)) problems.push(`missing ${file}`);
    else if (!readFileSync(path).equals(contents)) problems.push(`differs: ${file}`);
  }
  for (const file of committedFiles(dist)) if (!fresh.has(file)) problems.push(`left over: ${file}`);
  if (problems.length > 0) {
    console.error(`${relative(ROOT, dist)} is stale (${problems.join(', ')}). Run 'npm run build' and commit dist/.`);
    return false;
  }
  console.log(`${relative(ROOT, dist)} is up to date`);
  return true;
}

function checkRootManifest(): boolean {
  if (existsSync(join(ROOT, 'action.yml')) && readFileSync(join(ROOT, 'action.yml'), 'utf8') === marketplaceManifest(ROOT)) return true;
  console.error("action.yml is stale: it lists every action's inputs and outputs. Run 'npm run build' and commit it.");
  return false;
}

function checkInChild(name: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [new URL(import.meta.url).pathname, name], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
}

async function checkAll(names: string[]): Promise<boolean> {
  const results: { ok: boolean; output: string }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const index = next++;
      results[index] = await checkInChild(names[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), names.length) }, worker));
  for (const { output } of results) process.stdout.write(output);
  return results.every((r) => r.ok);
}

const only = process.argv.slice(2);
let ok = true;
if (only.length > 0) for (const name of only) ok = (await checkOne(name)) && ok;
else {
  const manifestOk = checkRootManifest();
  ok = (await checkAll(listBundles())) && manifestOk;
}
process.exitCode = ok ? 0 : 1;
