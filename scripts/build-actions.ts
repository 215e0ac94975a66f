/** `npm run build`: bundles every action into its committed dist/, and the root action (action.yml, marketplace/dist). */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { bundleAction, distDir, listBundles, ROOT } from './bundle-action.ts';
import { marketplaceManifest } from './marketplace-action.ts';

// The root action.yml lists every action's inputs: written first, since its bundle's entries come from it.
const rootManifest = marketplaceManifest(ROOT);
if (readFileSync(join(ROOT, 'action.yml'), 'utf8') !== rootManifest) {
  writeFileSync(join(ROOT, 'action.yml'), rootManifest);
  console.log('action.yml: rewritten from actions/<name>/action.yml');
}

const only = process.argv.slice(2);
for (const name of listBundles()) {
  if (only.length > 0 && !only.includes(name)) continue;
  const dist = distDir(name);
  const files = await bundleAction(name);
  rmSync(dist, { recursive: true, force: true });
  for (const [file, contents] of files) {
    mkdirSync(dirname(join(dist, file)), { recursive: true });
    writeFileSync(join(dist, file), contents);
  }
  const size = [...files.values()].reduce((sum, b) => sum + b.length, 0);
  console.log(`${relative(ROOT, dist)}: ${files.size} files, ${(size / 1024).toFixed(0)} KiB`);
}
