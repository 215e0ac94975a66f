/**
 * Every command, given what a person mistypes on day one, answers in one voice: exit 2, one line
 * naming the command and what was wrong (the file, option or variable), a hint, and never a stack
 * frame.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../cli/main.ts';

const STACK_FRAME = /^\s+at\s.+(\(|:\d+)/m;

async function faultline(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const code = await main(args, { stdout, stderr, colour: false, cwd, env: { PATH: process.env.PATH, ...env } });
  return { code, stdout: out, stderr: err };
}

describe('faultline with bad input', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-bad-input-'));
    mkdirSync(join(dir, 'experiments'));
    writeFileSync(join(dir, 'slo.yaml'), 'apiVersion: openslo/v1\nkind: SLO\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, string[], RegExp, NodeJS.ProcessEnv?][] = [
    ['an unknown command', ['chaoss'], /^faultline: unknown command 'chaoss' \(did you mean 'chaos'\?\)/],
    ['an unknown --color value', ['--color=sometimes', 'version'], /^faultline: --color takes auto, always or never, got "sometimes"/],
    ['a mistyped ledger', ['chaos', 'rollback', '--ledger', 'nope.json'], /^faultline chaos: ledger not found: .*\/nope\.json\n {2}hint: /],
    ['a folder where an experiment file belongs', ['chaos', 'validate', 'experiments'], /^faultline chaos: experiments is a folder; give one experiment file\n/],
    ['a missing experiment file', ['chaos', 'run', 'nope.yaml'], /^faultline chaos: experiment file not found: nope\.yaml\n/],
    ['an unknown chaos option', ['chaos', 'run', '--bogus'], /^faultline chaos: unknown option --bogus\n {2}hint: run 'faultline chaos --help'/],
    ['an unknown chaos subcommand', ['chaos', 'explode'], /^faultline chaos: unknown chaos subcommand 'explode'/],
    ['an unknown lint option', ['migrations', 'lint', '--bogus'], /^faultline migrations: unknown option '?--bogus'?\n {2}hint: run 'faultline migrations lint --help'/],
    ['an option without its value', ['migrations', 'lint', 'x.sql', '--format'], /^faultline migrations: --format needs a value\n/],
    ['a missing --config file, named once', ['migrations', 'lint', '--config', 'nope.yml', 'x.sql'], /^faultline migrations: [^\n]*nope\.yml: cannot read the config file \(ENOENT\)\n/],
    ['an unknown slo option', ['slo', 'status', '--bogus'], /^faultline slo: unknown option '?--bogus'?\n {2}hint: run 'faultline slo --help'/],
    ['slo status without a Prometheus', ['slo', 'status', 'slo.yaml'], /^faultline slo: --prometheus URL \(or PROMETHEUS_URL\) is required/],
    ['an unknown canary option', ['slo', 'canary', '--bogus'], /^faultline slo: unknown option '?--bogus'?\n {2}hint: run 'faultline slo canary --help'/],
    ['an unknown app option', ['app', '--bogus'], /^faultline app: unknown option '?--bogus'?\n {2}hint: run 'faultline app --help'/],
    ['an app port that is not a number', ['app', '--port', 'abc'], /^faultline app: --port must be a port number, got "abc"/],
    ['an unknown demo option', ['demo', '--bogus'], /^faultline demo: unknown option '?--bogus'?\n {2}hint: run 'faultline demo --help'/],
    ['an unknown demo part', ['demo', '--only', 'nope'], /^faultline demo: unknown demo part "nope"/],
    ['an unknown version option', ['version', '--bogus'], /^faultline version: unknown option --bogus/],
    ['an unknown scan option', ['scan', '--bogus'], /^faultline scan: unknown option --bogus\n {2}hint: run 'faultline scan --help'/],
    ['a missing scanner output', ['scan', 'nope.json'], /^faultline scan: nope\.json: cannot read the scanner output \(ENOENT\)/],
    ['an unknown failover subcommand', ['failover', 'explode'], /^faultline failover: unknown subcommand "failover explode"/],
    ['an unknown failover option', ['failover', 'verify', '--bogus'], /^faultline failover: unknown option --bogus\n/],
    ['a failover drill given without --config', ['failover', 'verify', 'drill.yaml'], /^faultline failover: unexpected argument "drill\.yaml"/],
    ['an unknown evidence option', ['evidence', 'pack', '--bogus'], /^faultline evidence: unknown option --bogus\n/],
    ['a missing evidence bundle', ['evidence', 'verify', 'nope'], /^faultline evidence: .*\/nope: no such bundle folder/],
    ['completion without a shell', ['completion'], /^faultline completion: which shell\? faultline completion bash\|zsh\|fish/],
    ['completion for an unknown shell', ['completion', 'tcsh'], /^faultline completion: unknown shell "tcsh": choose bash, zsh or fish/],
  ];

  it.each(cases)('%s: exit 2, one clear message, no stack trace', async (_name, args, message, env = {}) => {
    const result = await faultline(args, dir, env);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stdout).not.toMatch(STACK_FRAME);
  });

  it('shows the stack of an internal error only when FAULTLINE_DEBUG=1 asks for it', async () => {
    const { describeError } = await import('../../core/errors.ts');
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(describeError(bug)).toMatch(/^Cannot read properties of undefined \(reading 'x'\)\n {2}hint: this is an internal error; run again with FAULTLINE_DEBUG=1/);
    expect(describeError(bug)).not.toMatch(STACK_FRAME);
    expect(describeError(bug, { stack: true })).toMatch(STACK_FRAME);
  });

  it('puts system errors in words with the path or address', async () => {
    const { describeError } = await import('../../core/errors.ts');
    const busy = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:3000'), { code: 'EADDRINUSE', address: '127.0.0.1', port: 3000 });
    expect(describeError(busy)).toBe('127.0.0.1:3000: address already in use: another process listens there (choose another port) (EADDRINUSE)');
    const missing = Object.assign(new Error('ENOENT'), { code: 'ENOENT', path: '/x/y.yaml' });
    expect(describeError(missing)).toBe('/x/y.yaml: no such file or folder (ENOENT)');
  });
});

describe('faultline help and version', () => {
  it("'faultline help <command>' prints that command's help, not the list", async () => {
    const result = await faultline(['help', 'migrations'], tmpdir());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: faultline migrations lint/);
  });

  it("'faultline version' names faultline's and Node's versions", async () => {
    const result = await faultline(['version'], tmpdir());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^faultline \d+\.\d+\.\d+\S* \(node \d+\.\d+\.\d+\)\n$/);
    const json = JSON.parse((await faultline(['version', '--json'], tmpdir())).stdout) as Record<string, string>;
    expect(Object.keys(json)).toEqual(['faultline', 'node']);
  });
});
