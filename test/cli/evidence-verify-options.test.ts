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
function usage(...args: string[]): FaultlineError {
  try {
    options(...args);
  } catch (error) {
    return error as FaultlineError;
  }
  throw new Error(`accepted ${args.join(' ')}`);
}

it('builds the signer policy with GitHub Actions as the default issuer', () => {
  expect(options('--signer-repo', 'acme/payments', '--signer-workflow', '.github/workflows/dr-drill.yml').options.signer).toEqual({
    issuer: 'https://token.actions.githubusercontent.com',
    repo: 'acme/payments',
    workflow: '.github/workflows/dr-drill.yml',
  });
  expect(options('--signer-workflow', 'acme/faultline/.github/workflows/drill.yml', '--cert-oidc-issuer', 'https://token.actions.acme.ghe.com').options.signer).toEqual({
    issuer: 'https://token.actions.acme.ghe.com',
    workflow: 'acme/faultline/.github/workflows/drill.yml',
  });
  expect(options().options.signer).toBeUndefined();
});

it('refuses malformed identities and contradictory options with exit 2', () => {
  expect(usage('--signer-repo', 'acme')).toMatchObject({ exitCode: 2, message: '--signer-repo "acme" must be OWNER/REPO (or https://HOST/OWNER/REPO)' });
  expect(usage('--signer-repo', 'acme/payments', '--signer-workflow', '.github/workflows/dr-drill.yml@refs/heads/main').message).toMatch(/without @ref/);
  expect(usage('--signer-workflow', '.github/workflows/dr-drill.yml').message).toMatch(/give --signer-repo OWNER\/REPO too/);
  expect(usage('--signer-repo', 'acme/payments', '--cert-oidc-issuer', 'token.actions.githubusercontent.com').message).toMatch(/must be an https URL/);
  expect(usage('--format', 'yaml').message).toBe('--format "yaml": expected one of text, json, markdown');
});
