/**
 * `npm run pack-cli`: the CLI as an npm package. Node will not strip types under node_modules, so
 * the package carries cli/main.ts bundled with esbuild (every dependency inside, ESM with one chunk
 * per lazily loaded command, like the source) and a package.json without dependencies: installing
 * the tarball needs no registry.
 *
 *   node scripts/pack-cli.ts [--out <dir>]   → <dir>/faultline-<version>.tgz (default: build/)
 *
 * The staging folder <dir>/npm/ holds exactly what is published (`npm publish build/npm`).
 * esbuild rather than ncc (the actions' bundler): ncc's CommonJS output can take neither the entry's
 * top-level await nor ESM-only packages without a "require" export (@octokit/webhooks-methods).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? join(ROOT, 'build'));
const stage = join(out, 'npm');
const cli = join(stage, 'cli');
const repo = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;

rmSync(stage, { recursive: true, force: true });
await build({
  // index.js is the bin; parse-helper.js is the migration linter's parse-ahead worker, which
  // cli/commands/migrations.ts finds next to itself in the bundle.
  entryPoints: { index: join(ROOT, 'cli', 'main.ts'), 'parse-helper': join(ROOT, 'core', 'migrations', 'parse-helper.ts') },
  outdir: cli,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS dependencies call require() and read __dirname: give ESM both.
  banner: {
    js: [
      "import { createRequire as __faultlineCreateRequire } from 'node:module';",
      "import { dirname as __faultlineDirname } from 'node:path';",
      "import { fileURLToPath as __faultlineFileURLToPath } from 'node:url';",
      'const require = __faultlineCreateRequire(import.meta.url);',
      'const __filename = __faultlineFileURLToPath(import.meta.url);',
      'const __dirname = __faultlineDirname(__filename);',
    ].join('\n'),
  },
  logLevel: 'warning',
  legalComments: 'linked',
});
// Emscripten's loader looks for its .wasm beside the code that loads it (index.js or a chunk).
const wasm = join(ROOT, 'node_modules', 'libpg-query', 'wasm', 'libpg-query.wasm');
copyFileSync(wasm, join(cli, 'libpg-query.wasm'));
copyFileSync(wasm, join(cli, 'chunks', 'libpg-query.wasm'));
// npm links the bin to this file: it starts with the interpreter line.
const index = join(cli, 'index.js');
writeFileSync(index, `#!/usr/bin/env node\n${readFileSync(index, 'utf8')}`);
chmodSync(index, 0o755);
for (const doc of ['README.md', 'LICENSE', 'CHANGELOG.md']) copyFileSync(join(ROOT, doc), join(stage, doc));

const manifest = {
  name: repo.name,
  version: repo.version,
  description: repo.description,
  license: repo.license,
  keywords: ['chaos-engineering', 'sre', 'github-actions', 'postgresql', 'migrations', 'slo', 'disaster-recovery'],
  type: 'module',
  bin: { faultline: 'cli/index.js' },
  files: ['cli/'],
  engines: repo.engines,
};
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

mkdirSync(out, { recursive: true });
const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: stage, encoding: 'utf8' })) as { filename: string; size: number; entryCount: number }[];
console.log(`${join(out, packed[0]!.filename)}: ${packed[0]!.entryCount} files, ${(packed[0]!.size / 1024 / 1024).toFixed(1)} MiB`);
