/**
 * `faultline app` started with a bad environment, as an operator meets it: every problem listed at
 * once, each naming its variable and why, exit code 2, no stack trace. And a good one says where
 * it really listens.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appPrivateKey } from '../support/webhook-delivery.ts';

const CLI = new URL('../../bin/faultline', import.meta.url).pathname;
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;
const key = appPrivateKey();
const dir = mkdtempSync(join(tmpdir(), 'faultline-startup-'));
const notAKeyFile = join(dir, 'not-a-key.pem');
writeFileSync(notAKeyFile, 'hello\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ended {
  code: number | null;
  output: string;
}

/** Runs `faultline app` with only `env` (plus PATH/HOME); kills it after `untilMs` if still running. */
function runApp(env: Record<string, string>, args: string[] = ['--port', '0', '--host', '127.0.0.1'], untilMs = 20_000, stopWhen?: RegExp): Promise<Ended> {
  return new Promise((resolve) => {
    const child = spawn(CLI, ['app', ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), untilMs);
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      if (stopWhen?.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const good = () => ({ APP_ID: '12345', PRIVATE_KEY: key, WEBHOOK_SECRET: 's3cret' });

describe('faultline app refuses a bad configuration, naming every problem', () => {
  it.concurrent.each([
    ['nothing set', {}, ['APP_ID is not set', 'PRIVATE_KEY (or PRIVATE_KEY_PATH) is not set', 'WEBHOOK_SECRET is not set']],
    ['PRIVATE_KEY=notapem', { ...good(), PRIVATE_KEY: 'notapem' }, ['PRIVATE_KEY is not a PEM private key']],
    ['a missing PRIVATE_KEY_PATH file', { APP_ID: '1', WEBHOOK_SECRET: 's', PRIVATE_KEY_PATH: join(dir, 'missing.pem') }, [`PRIVATE_KEY_PATH=${join(dir, 'missing.pem')} cannot be read: no such file`]],
    ['a PRIVATE_KEY_PATH that holds no key', { APP_ID: '1', WEBHOOK_SECRET: 's', PRIVATE_KEY_PATH: notAKeyFile }, [`PRIVATE_KEY_PATH (${notAKeyFile}) is not a PEM private key`]],
    ['APP_ID=abc', { ...good(), APP_ID: 'abc' }, ['APP_ID must be the GitHub App\'s numeric id (e.g. 123456), got "abc"']],
    ['three wrong at once', { APP_ID: 'abc', PRIVATE_KEY: 'notapem', WEBHOOK_SECRET: 's', PROMETHEUS_URL: 'localhost:9090' }, ['APP_ID must be', 'PRIVATE_KEY is not a PEM', 'PROMETHEUS_URL must be an http(s) URL']],
    ['PORT out of range', { ...good(), PORT: '99999' }, ['PORT must be a port number from 0 to 65535, got "99999"']],
    ['an unknown LOG_LEVEL', { ...good(), LOG_LEVEL: 'loud' }, ['LOG_LEVEL must be one of']],
  ])('%s', async (_case, env, expected) => {
    const { code, output } = await runApp(env as Record<string, string>, (env as Record<string, string>).PORT ? [] : undefined);
    expect(code).toBe(2);
    for (const text of expected) expect(output).toContain(text);
    expect(output).not.toMatch(/option is required/);
    expect(output).not.toMatch(STACK_FRAME);
  });
});

describe('faultline app says where it listens', () => {
  let busy: Server;
  afterEach(() => new Promise<void>((resolve) => (busy ? busy.close(() => resolve()) : resolve())));

  it('reports a port in use in one line, exit code 2, no stack trace', async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    const { code, output } = await runApp(good(), ['--port', String(port), '--host', '127.0.0.1']);
    expect(code).toBe(2);
    expect(output).toContain(`127.0.0.1:${port} is already in use by another process`);
    expect(output).not.toMatch(STACK_FRAME);
  });

  it('prints the address it is bound to, not a loopback one', async () => {
    const { output } = await runApp({ ...good(), HOST: '0.0.0.0' }, ['--port', '0'], 20_000, /listening on/);
    expect(output).toMatch(/faultline app listening on http:\/\/0\.0\.0\.0:\d+ \(every interface;/);
    expect(output).not.toContain('127.0.0.1');
  });
});
