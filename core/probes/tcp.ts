/** TCP probe: can we open a connection? Refused or timed out is an answer (`false`), not an error. */
import { connect } from 'node:net';
import { asArgs, describeNetworkError, optionalString, optionalNumber, rejectUnknown, timeoutMs } from './arguments.ts';
import { FaultlineError } from '../errors.ts';
import type { Probe } from './types.ts';

export interface TcpProbeArgs {
  host: string;
  port: number;
  timeoutMs: number;
}

export const tcpProbe: Probe<TcpProbeArgs> = {
  kind: 'tcp',
  tolerances: ['boolean', 'probe'],
  validate(raw) {
    const args = asArgs(raw, 'tcp');
    rejectUnknown(args, 'tcp', ['host', 'port', 'timeout']);
    const port = optionalNumber(args, 'port', 'tcp', { min: 1, max: 65535, integer: true });
    if (port === undefined) throw new FaultlineError('probe tcp: argument "port" is required (1-65535)');
    return { host: optionalString(args, 'host', 'tcp') ?? '127.0.0.1', port, timeoutMs: timeoutMs(args, 'tcp', 3) };
  },
  describe: (args) => `TCP connect to ${args.host}:${args.port}`,
  run(args, context) {
    const started = performance.now();
    return new Promise((resolve) => {
      const socket = connect({ host: args.host, port: args.port, timeout: args.timeoutMs, signal: context.signal });
      const finish = (connected: boolean, error?: string) => {
        socket.destroy();
        const latency_ms = Math.round((performance.now() - started) * 100) / 100;
        resolve({ ok: connected, value: connected, connected, latency_ms, ...(error ? { error } : {}) });
      };
      socket.once('connect', () => finish(true));
      socket.once('timeout', () => finish(false, `no connection within ${args.timeoutMs} ms`));
      socket.once('error', (error) => finish(false, describeNetworkError(error)));
    });
  },
};
