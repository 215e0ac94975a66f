/**
 * Starts a REAL Prometheus (Debian's `prometheus`) on a free loopback port, with data backfilled
 * by `promtool tsdb create-blocks-from openmetrics` and optional rule files. Used by tests, the
 * benchmark and the demo; `stop()` kills the server and removes its directory.
 *
 *   const traffic = generateTraffic({ lastSampleAt, services: [...] });
 *   const prom = await startPrometheus({ openMetrics: traffic.openMetrics });
 *   try { ... query at traffic.evaluationTime ... } finally { await prom.stop(); }
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultlineError } from '../../../core/errors.ts';
import { freeLoopbackPort } from './free-port.ts';

export { type CounterPoint, extrapolatedIncrease, type GeneratedTraffic, generateTraffic, type ServiceTraffic, type TrafficPhase } from './traffic.ts';

export interface StartPrometheusOptions {
  /** OpenMetrics text to backfill (timestamps in seconds, ending with `# EOF`). */
  openMetrics?: string;
  /** Rule files to load: file name → YAML content. */
  rules?: Record<string, string>;
  /** Rule evaluation interval; default 15s. */
  evaluationInterval?: string;
  prometheusBinary?: string;
  promtoolBinary?: string;
  /** How long to wait for /-/ready; default 30 s. */
  readyTimeoutMs?: number;
}

export interface RunningPrometheus {
  url: string;
  port: number;
  dir: string;
  /** `prometheus --version`'s first line, for result files. */
  version: string;
  stop(): Promise<void>;
}

/** A fresh machine without Debian's prometheus package: say what to install, not "spawn ENOENT". */
function notInstalled(command: string): FaultlineError {
  return new FaultlineError(`${command} is not installed (or not on PATH)`, {
    hint: "install Debian's prometheus package (it brings promtool): run scripts/setup.sh, or apt-get install prometheus",
  });
}

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? notInstalled(command) : error));
    child.on('close', (code) => resolve({ code, output }));
  });
}


function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`prometheus exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${log()}`);
    }
    try {
      const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) });
      await response.text();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`prometheus was not ready within ${timeoutMs} ms:\n${log()}`);
}

export async function startPrometheus(options: StartPrometheusOptions = {}): Promise<RunningPrometheus> {
  const prometheus = options.prometheusBinary ?? 'prometheus';
  const promtool = options.promtoolBinary ?? 'promtool';
  const dir = await mkdtemp(join(tmpdir(), 'faultline-prometheus-'));
  const dataDir = join(dir, 'data');
  try {
    if (options.openMetrics) {
      const input = join(dir, 'backfill.om');
      await writeFile(input, options.openMetrics);
      // --max-block-duration wants hours; 168h keeps a few weeks of data in a handful of blocks.
      const backfill = await run(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=168h', '--quiet', input, dataDir]);
      if (backfill.code !== 0) throw new Error(`promtool backfill failed (${backfill.code}):\n${backfill.output}`);
    }
    const ruleFiles: string[] = [];
    for (const [name, content] of Object.entries(options.rules ?? {})) {
      const file = join(dir, name);
      await writeFile(file, content);
      ruleFiles.push(file);
    }
    const config = {
      global: { evaluation_interval: options.evaluationInterval ?? '15s' },
      rule_files: ruleFiles,
    };
    const configFile = join(dir, 'prometheus.yml');
    await writeFile(configFile, JSON.stringify(config));
    const versionRun = await run(prometheus, ['--version']);
    const version = versionRun.output.split('\n')[0].trim();

    // A port picked as free can be taken before prometheus binds it: retry a few times.
    for (let attempt = 1; ; attempt++) {
      const port = await freeLoopbackPort();
      const url = `http://127.0.0.1:${port}`;
      const child = spawn(
        prometheus,
        [
          `--config.file=${configFile}`,
          `--storage.tsdb.path=${dataDir}`,
          // Backfilled data sits in the past; retention counts from the newest block, keep it all.
          '--storage.tsdb.retention.time=3650d',
          `--web.listen-address=127.0.0.1:${port}`,
          '--log.level=warn',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let log = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        log = (log + chunk.toString()).slice(-8000);
      });
      // A test that crashes must not leave a server behind.
      const killOnExit = () => child.kill('SIGKILL');
      process.once('exit', killOnExit);
      const stop = async () => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited(child);
          clearTimeout(timer);
        }
      };
      try {
        await waitUntilReady(url, child, () => log, options.readyTimeoutMs ?? 30_000);
      } catch (error) {
        await stop();
        if (attempt < 3 && /address already in use/.test(log)) continue;
        throw error;
      }
      return {
        url,
        port,
        dir,
        version,
        stop: async () => {
          await stop();
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
