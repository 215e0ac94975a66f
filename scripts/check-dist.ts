/** `npm run check-dist`: fails when a committed dist/ differs from a fresh build of its sources. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bundleAction, listActions, ROOT } from './bundle-action.ts';

function committedFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

let stale = 0;
for (const name of listActions()) {
  const dist = join(ROOT, 'actions', name, 'dist');
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
    console.error(`actions/${name}/dist is stale (${problems.join(', ')}). Run 'npm run build' and commit dist/.`);
  } else {
    console.log(`actions/${name}/dist is up to date`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
