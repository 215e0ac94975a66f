/** `npm run build`: bundles every action into its committed dist/. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleAction, listActions, ROOT } from './bundle-action.ts';

const only = process.argv.slice(2);
for (const name of listActions()) {
  if (only.length > 0 && !only.includes(name)) continue;
  const dist = join(ROOT, 'actions', name, 'dist');
  const files = await bundleAction(name);
  rmSync(dist, { recursive: true, force: true });
  for (const [file, contents] of files) {
    mkdirSync(dirname(join(dist, file)), { recursive: true });
    writeFileSync(join(dist, file), contents);
  }
  const size = [...files.values()].reduce((sum, b) => sum + b.length, 0);
  console.log(`actions/${name}/dist: ${files.size} files, ${(size / 1024).toFixed(0)} KiB`);
}
