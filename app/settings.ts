/**
 * The app's start-up settings, read once from the environment and checked all at once: an
 * operator who got three variables wrong hears about all three, each named with what was wrong
 * and what is expected (Probot's own messages name its option, not the variable, and stop at the
 * first problem).
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface AppSettings {
  appId: number;
  privateKey: string;
  secret: string;
  port: number;
  host: string;
  prometheusUrl?: string;
}

export type SettingsOutcome = { ok: true; settings: AppSettings } | { ok: false; problems: string[] };

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** GitHub shows the key as a PEM file; deployments often pass it base64-encoded or with `\n` escapes. */
function normalisedKey(text: string): string {
  let key = text.trim();
  if (!key.includes('-----BEGIN') && /^[A-Za-z0-9+/=\s]+$/.test(key)) key = Buffer.from(key, 'base64').toString('utf8');
  return key.includes('\\n') ? key.replace(/\\n/g, '\n') : key;
}

function keyProblem(variable: string, key: string): string | undefined {
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(key)) {
    return `${variable} is not a PEM private key: expected the contents of the .pem file GitHub generated for the app ("-----BEGIN RSA PRIVATE KEY-----…"), as is, base64-encoded or with \\n escapes`;
  }
  try {
    createPrivateKey(key);
    return undefined;
  } catch (error) {
    return `${variable} is not a usable private key (${(error as Error).message}): download a new one from the app's settings page`;
  }
}

function privateKeyOf(env: NodeJS.ProcessEnv, problems: string[]): string | undefined {
  if (env.PRIVATE_KEY) {
    const key = normalisedKey(env.PRIVATE_KEY);
    const problem = keyProblem('PRIVATE_KEY', key);
    if (problem) problems.push(problem);
    return problem ? undefined : key;
  }
  if (env.PRIVATE_KEY_PATH) {
    let text: string;
    try {
      text = readFileSync(env.PRIVATE_KEY_PATH, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
      problems.push(`PRIVATE_KEY_PATH=${env.PRIVATE_KEY_PATH} cannot be read: ${why}; point it at the app's .pem file`);
      return undefined;
    }
    const problem = keyProblem(`PRIVATE_KEY_PATH (${env.PRIVATE_KEY_PATH})`, normalisedKey(text));
    if (problem) problems.push(problem);
    return problem ? undefined : normalisedKey(text);
  }
  problems.push("PRIVATE_KEY (or PRIVATE_KEY_PATH) is not set: the app's private key (PEM), from the app's settings page");
  return undefined;
}

function portOf(value: string | number | undefined, name: string, problems: string[]): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!(Number.isInteger(port) && port >= 0 && port < 65536)) problems.push(`${name} must be a port number from 0 to 65535, got "${value}"`);
  return port;
}

/** Reads and checks every setting; `port`/`host` given on the command line win over PORT/HOST. */
export function readAppSettings(env: NodeJS.ProcessEnv, overrides: { port?: number; host?: string } = {}): SettingsOutcome {
  const problems: string[] = [];
  let appId = Number.NaN;
  if (!env.APP_ID) problems.push("APP_ID is not set: the GitHub App's numeric id, from the app's settings page");
  else if (!/^\d+$/.test(env.APP_ID.trim()) || Number(env.APP_ID) <= 0) problems.push(`APP_ID must be the GitHub App's numeric id (e.g. 123456), got "${env.APP_ID}"`);
  else appId = Number(env.APP_ID);
  const privateKey = privateKeyOf(env, problems);
  if (!env.WEBHOOK_SECRET) problems.push('WEBHOOK_SECRET is not set: the webhook secret configured for the app (deliveries are verified with it)');
  const port = overrides.port ?? portOf(env.PORT, 'PORT', problems);
  const host = overrides.host ?? (env.HOST || '0.0.0.0');
  if (env.PROMETHEUS_URL !== undefined && env.PROMETHEUS_URL !== '') {
    let url: URL | undefined;
    try {
      url = new URL(env.PROMETHEUS_URL);
    } catch {}
    if (!url || !['http:', 'https:'].includes(url.protocol)) problems.push(`PROMETHEUS_URL must be an http(s) URL such as http://prometheus:9090, got "${env.PROMETHEUS_URL}"`);
  }
  if (env.LOG_LEVEL && !LOG_LEVELS.includes(env.LOG_LEVEL)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  if (problems.length > 0 || privateKey === undefined) return { ok: false, problems };
  return {
    ok: true,
    settings: { appId, privateKey, secret: env.WEBHOOK_SECRET!, port, host, ...(env.PROMETHEUS_URL ? { prometheusUrl: env.PROMETHEUS_URL } : {}) },
  };
}
