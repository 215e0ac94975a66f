/** `npm run check-dist`: fails when a committed dist/ (or the root action.yml) differs from a fresh build of its sources. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bundleAction, distDir, listBundles, ROOT } from './bundle-action.ts';
import { marketplaceManifest } from './marketplace-action.ts';

function committedFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

let stale = 0;
if (!existsSync(join(ROOT, 'action.yml')) || readFileSync(join(ROOT, 'action.yml'), 'utf8') !== marketplaceManifest(ROOT)) {
  stale++;
  console.error("action.yml is stale: it lists every action's inputs and outputs. Run 'npm run build' and commit it.");
}
for (const name of listBundles()) {
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
    stale++;
    console.error(`${relative(ROOT, dist)} is stale (${problems.join(', ')}). Run 'npm run build' and commit dist/.`);
  } else {
    console.log(`${relative(ROOT, dist)} is up to date`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
