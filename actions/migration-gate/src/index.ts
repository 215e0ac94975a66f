/** The action's entry (dist/index.js): no logic, run() reports its own failures. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useParseAheadThread } from '../../../core/migrations/parse-ahead.ts';
import { run } from './run.ts';

// Large files are parsed partly on a second thread, whose code is bundled next to this file.
const parseHelper = join(dirname(fileURLToPath(import.meta.url)), 'parse-helper.js');
if (existsSync(parseHelper)) useParseAheadThread(parseHelper);

void run();
