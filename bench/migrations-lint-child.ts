/**
 * One measured lint run, in its own process so peak RSS is the linter's alone: loads the parser,
 * lints the file (with the parse-ahead helper thread, as the CLI and the action do), and prints
 * one JSON line with the parser load and lint times.
 */
import { lintFiles, loadParser } from '../core/migrations/lint.ts';
import { startParseAheadThreadFor, useParseAheadThread } from '../core/migrations/parse.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: migrations-lint-child.ts FILE');
const started = performance.now();
useParseAheadThread(new URL('../core/migrations/parse-helper.ts', import.meta.url));
startParseAheadThreadFor([file]);
await loadParser();
const parserReady = performance.now();
const report = await lintFiles([file]);
const done = performance.now();
const findings = report.files.reduce((sum, f) => sum + f.findings.length, 0);
const statements = report.files.reduce((sum, f) => sum + f.statements, 0);
process.stdout.write(`${JSON.stringify({ parserLoadMs: parserReady - started, lintMs: done - parserReady, statements, findings })}\n`);
