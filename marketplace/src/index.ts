/** The root action's main step: runs the main entry of the action `action` names. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatchEnv, resolveAction, runEntry, workflowCommand } from './dispatch.ts';

// This bundle is marketplace/dist/index.js: the repository root is two folders up.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<void> {
  try {
    const target = resolveAction(root, process.env.INPUT_ACTION ?? '');
    const { env, unexpected } = dispatchEnv(target, process.env);
    for (const input of unexpected) process.stdout.write(workflowCommand('warning', `input '${input}' is not one of ${target.name}'s inputs and is ignored (docs/actions/${target.name}.md lists them)`));
    process.exitCode = await runEntry(target.main, env);
  } catch (error) {
    process.stdout.write(workflowCommand('error', `faultline: ${(error as Error).message}`));
    process.exitCode = 1;
  }
}

void main();
