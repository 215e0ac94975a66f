// The bundle is CommonJS (see scripts/bundle-action.ts), so no top-level await; run() reports its own errors.
import { run } from './run.ts';

void run();
