/** The migration part of `faultline demo`: the gate on the example Flyway folder, good and bad files. */
import { join } from 'node:path';
import type { CliIO } from '../io.ts';

export async function runMigrationsDemo(io: CliIO, root: string): Promise<number> {
  const { command } = await import('../commands/migrations.ts');
  const code = await command.run(['lint', join(root, 'examples/migrations')], io);
  // The examples hold hazardous migrations on purpose: finding them (exit 1) is the expected outcome.
  return code === 1 ? 0 : code === 0 ? 1 : code;
}
