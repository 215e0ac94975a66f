/** The root action's post step: runs the post entry of the action `action` names, when it has one. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatchEnv, resolveAction, runEntry } from './dispatch.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function post(): Promise<void> {
  try {
    const target = resolveAction(root, process.env.INPUT_ACTION ?? '');
    // Only chaos-inject and failover-verify have a post step (they end what they started).
    if (!target.post) return;
    process.exitCode = await runEntry(target.post, dispatchEnv(target, process.env).env);
  } catch (error) {
    // The main step has reported a bad `action` already.
    process.stdout.write(`faultline post: nothing to do (${(error as Error).message})\n`);
  }
}

void post();
