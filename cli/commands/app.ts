/** `faultline app`: runs the GitHub App server until SIGINT/SIGTERM. */
import { parseArgs } from 'node:util';
import { FaultlineError, isFaultlineError } from '../../core/errors.ts';
import type { CliCommand } from '../io.ts';
import { writeLine } from '../io.ts';

const usage = `Usage: faultline app [--port N] [--host ADDRESS]

Runs the Faultline GitHub App (Probot) as an HTTP server: webhooks at /api/github/webhooks,
/healthz and /metrics. Configuration comes from the environment:
  APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH), WEBHOOK_SECRET   the GitHub App's credentials
  PROMETHEUS_URL                                              where SLO data is read (optional)
  GHE_HOST, GHE_PROTOCOL                                      GitHub Enterprise Server
  PORT (default 3000), HOST (default 0.0.0.0), LOG_LEVEL      server settings`;

export const command: CliCommand = {
  name: 'app',
  summary: 'run the GitHub App server (webhooks, /healthz, /metrics)',
  usage,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      writeLine(io.stdout, usage);
      return 0;
    }
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
      throw new FaultlineError(`--port must be a port number, got "${values.port}"`);
    }
    const { startAppServer } = await import('../../app/server.ts');
    let server: Awaited<ReturnType<typeof startAppServer>>;
    try {
      server = await startAppServer({ env: io.env, port, host: values.host });
    } catch (error) {
      if (isFaultlineError(error)) throw error;
      throw new FaultlineError((error as Error).message, { hint: "see 'faultline app --help' and docs/app.md" });
    }
    const everywhere = /^http:\/\/(0\.0\.0\.0|\[::\])/.test(server.url) ? 'every interface; ' : '';
    writeLine(io.stderr, `faultline app listening on ${server.url} (${everywhere}webhooks at /api/github/webhooks)`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    return 0;
  },
};
