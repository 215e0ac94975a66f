/**
 * `evidence verify`'s identity options are parsed once, and a bad one is a usage error (exit 2)
 * that says what to give: never a silently ignored flag that weakens the check.
 */
import { PassThrough } from 'node:stream';
import { parse } from '../../cli/commands/evidence-args.ts';
import { verifyArgs, verifyOptions } from '../../cli/commands/evidence-verify-options.ts';
import type { FaultlineError } from '../../core/errors.ts';

const io = { stdout: new PassThrough(), stderr: new PassThrough(), colour: false, cwd: '/tmp', env: {} };
const options = (...args: string[]) => verifyOptions(parse([...args, 'bundle'], verifyArgs).values, io);
async function usage(...args: string[]): Promise<FaultlineError> {
  try {
    await options(...args);
  } catch (error) {
    return error as FaultlineError;
  }
  throw new Error(`accepted ${args.join(' ')}`);
}

it('builds the signer policy with GitHub Actions as the default issuer', async () => {
  expect((await options('--signer-repo', 'acme/payments', '--signer-workflow', '.github/workflows/dr-drill.yml')).options.signer).toEqual({
    issuer: 'https://token.actions.githubusercontent.com',
    repo: 'acme/payments',
    workflow: '.github/workflows/dr-drill.yml',
  });
  expect((await options('--signer-workflow', 'acme/faultline/.github/workflows/drill.yml', '--cert-oidc-issuer', 'https://token.actions.acme.ghe.com')).options.signer).toEqual({
    issuer: 'https://token.actions.acme.ghe.com',
    workflow: 'acme/faultline/.github/workflows/drill.yml',
  });
  expect((await options()).options.signer).toBeUndefined();
});

it('refuses malformed identities and contradictory options with exit 2', async () => {
  expect(await usage('--signer-repo', 'acme')).toMatchObject({ exitCode: 2, message: '--signer-repo "acme" must be OWNER/REPO (or https://HOST/OWNER/REPO)' });
  expect((await usage('--signer-repo', 'acme/payments', '--signer-workflow', '.github/workflows/dr-drill.yml@refs/heads/main')).message).toMatch(/without @ref/);
  expect((await usage('--signer-workflow', '.github/workflows/dr-drill.yml')).message).toMatch(/give --signer-repo OWNER\/REPO too/);
  expect((await usage('--signer-repo', 'acme/payments', '--cert-oidc-issuer', 'token.actions.githubusercontent.com')).message).toMatch(/must be an https URL/);
  expect((await usage('--format', 'yaml')).message).toBe('--format "yaml": expected one of text, json, markdown');
});
