/** The action's entry (dist/index.js): no logic, run() reports its own failures. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAheadThread, useParseAheadThread } from '../../../core/migrations/parse-ahead.ts';
import { lintsEveryFile } from './inputs.ts';

// Large files are parsed on a second thread, whose code is bundled next to this file. When the
// whole history is linted it starts now, before the gate's code loads, so that its start-up is
// over by the time the files are read; on pull requests it starts only for a large file.
const parseHelper = join(dirname(fileURLToPath(import.meta.url)), 'parse-helper.js');
if (existsSync(parseHelper)) {
  useParseAheadThread(parseHelper);
  if (lintsEveryFile(process.env)) parseAheadThread();
}

void import('./run.ts').then(({ run }) => run());
