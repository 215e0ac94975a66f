/** The action's entry (dist/index.js): no logic, run() reports its own failures. */
import { run } from './run.ts';

void run();
