/**
 * Bundles one action with @vercel/ncc into files (name → contents), in memory, so that `build`
 * writes them and `check-dist` compares them with what is committed.
 *
 * The bundles are CommonJS: libpg-query's WebAssembly loader finds its .wasm through __dirname,
 * which an ESM bundle does not have. dist/package.json says so, since the repo is "type": "module".
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ncc from '@vercel/ncc';
import { parse } from 'yaml';

export const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const WASM_ASSETS = [{ marker: 'libpg-query.wasm', file: 'node_modules/libpg-query/wasm/libpg-query.wasm' }];
// Worker threads an entry starts from a file next to it, bundled on their own.
const WORKER_ENTRIES = [{ marker: 'parse-helper.js', entry: 'core/migrations/parse-helper.ts' }];

export function listActions(): string[] {
  const dir = join(ROOT, 'actions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'action.yml')))
    .sort();
}

interface ActionManifest {
  runs: { using: string; main: string; post?: string; pre?: string };
}

/**
 * The repository-root action (the Marketplace's listing) is bundled like an action: its
 * dispatcher's sources are marketplace/src/, its entries the root action.yml's marketplace/dist/*.js.
 */
export const MARKETPLACE = 'marketplace';

/** Every bundle `npm run build` writes: each action's, then the root action's dispatcher. */
export function listBundles(): string[] {
  return [...listActions(), MARKETPLACE];
}

export function distDir(name: string): string {
  return name === MARKETPLACE ? join(ROOT, MARKETPLACE, 'dist') : join(ROOT, 'actions', name, 'dist');
}

export async function bundleAction(name: string): Promise<Map<string, Buffer>> {
  const root = name === MARKETPLACE;
  const actionDir = root ? join(ROOT, MARKETPLACE) : join(ROOT, 'actions', name);
  const metadata = root ? 'action.yml' : `actions/${name}/action.yml`;
  const manifest = parse(readFileSync(join(ROOT, metadata), 'utf8')) as ActionManifest;
  if (manifest.runs.using !== 'node24') throw new Error(`${metadata}: runs.using must be node24`);
  const files = new Map<string, Buffer>();
  const entries: { file: string; entry: string }[] = [];
  for (const target of [manifest.runs.main, manifest.runs.pre, manifest.runs.post]) {
    if (!target) continue;
    const match = (root ? /^marketplace\/dist\/([\w-]+)\.js$/ : /^dist\/([\w-]+)\.js$/).exec(target);
    if (!match) throw new Error(`${metadata}: entry ${target} must be ${root ? 'marketplace/' : ''}dist/<name>.js`);
    entries.push({ file: `${match[1]}.js`, entry: join(actionDir, 'src', `${match[1]}.ts`) });
  }
  for (let i = 0; i < entries.length; i++) {
    const { file, entry } = entries[i]!;
    const target = `dist/${file}`;
    const { code, assets } = await ncc(entry, { esm: false, transpileOnly: true, quiet: true, cache: false });
    files.set(file, Buffer.from(code));
    for (const worker of WORKER_ENTRIES) {
      if (code.includes(worker.marker) && !entries.some((e) => e.file === worker.marker)) entries.push({ file: worker.marker, entry: join(ROOT, worker.entry) });
    }
    for (const [asset, { source }] of Object.entries(assets)) {
      const contents = Buffer.from(source);
      const earlier = files.get(asset);
      // Entries of one action share dist/: a chunk name used twice must hold the same code.
      if (earlier && !earlier.equals(contents)) throw new Error(`actions/${name}: entries ${target} and another both emit a different ${asset}`);
      files.set(asset, contents);
    }
    for (const { marker, file: wasm } of WASM_ASSETS) {
      if (code.includes(marker)) files.set(marker, readFileSync(join(ROOT, wasm)));
    }
  }
  files.set('package.json', Buffer.from('{ "type": "commonjs" }\n'));
  return files;
}
