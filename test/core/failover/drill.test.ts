/**
 * Loading drill files: defaults, every problem reported at once with file:line:col, probe
 * arguments checked by the shared probes, and ${NAME} from the environment (never a literal
 * password in the file).
 */
import { loadDrill } from '../../../core/failover/drill.ts';
import { isFaultlineError } from '../../../core/errors.ts';

const minimal = `name: orders failover
objectives: {rto: 15m, rpo: 5m}
writer:
  postgres: {urls: ['postgres://app:\${DB_PASSWORD}@db-a/orders', 'postgres://app:\${DB_PASSWORD}@db-b/orders']}
fault: {command: ./ci/dr/fail_primary.sh}
`;

function problems(text: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    loadDrill(text, 'dr/drill.yaml', '/repo/dr', { env });
  } catch (error) {
    if (isFaultlineError(error)) return error.message;
    throw error;
  }
  throw new Error('expected the drill to be rejected');
}

describe('drill files', () => {
  it('fills in the defaults and substitutes variables from the environment, collecting them as secrets', () => {
    const secrets = new Set<string>();
    const drill = loadDrill(minimal, 'dr/drill.yaml', '/repo/dr', { env: { DB_PASSWORD: 'p@ss' }, secrets });
    expect(drill).toMatchObject({
      name: 'orders failover',
      objectives: { rtoMs: 900_000, rpoMs: 300_000 },
      writer: { kind: 'postgres', urls: ['postgres://app:p@ss@db-a/orders', 'postgres://app:p@ss@db-b/orders'], table: 'faultline_heartbeat', intervalMs: 100, timeoutMs: 1000 },
      fault: { kind: 'command', command: { argv: ['/bin/sh', '-c', './ci/dr/fail_primary.sh'], shell: true } },
      recovery: { timeoutMs: 1_200_000, settleMs: 30_000 },
      probes: [],
    });
    expect([...secrets]).toEqual(['p@ss']);
  });

  it('reads probes into the shared probes arguments, and experiment paths against the drill folder', () => {
    const drill = loadDrill(
      `name: x
objectives: {rto: 1m}
writer: {interval: 50ms, http: {url: 'http://api/heartbeat', readback: {url: 'http://api/heartbeat/{id}'}}}
probes:
  - {name: api, interval: 1s, http: {url: 'http://api/healthz', expect: 200}}
  - {name: dns, dns: {name: api.example.com, server: '10.0.0.2:53'}}
  - {name: lag, postgres: {url: 'postgres://monitor@db-b/orders', query: 'select 1'}}
  - {name: port, tcp: {host: db-b, port: 5432}}
fault: {experiment: ../chaos/kill-primary.yaml}
`,
      'dr/drill.yaml',
      '/repo/dr',
    );
    expect(drill.writer).toMatchObject({ kind: 'http', method: 'POST', intervalMs: 50 });
    expect(drill.probes).toMatchObject([
      { name: 'api', kind: 'http', intervalMs: 1000, args: { url: 'http://api/healthz', status: [200, 200] } },
      { name: 'dns', kind: 'dns', intervalMs: 500, dns: { name: 'api.example.com', type: 'A', server: '10.0.0.2:53', timeoutMs: 2000 } },
      { name: 'lag', kind: 'postgres', args: { connection: 'postgres://monitor@db-b/orders', query: 'select 1' } },
      { name: 'port', kind: 'tcp', args: { host: 'db-b', port: 5432 } },
    ]);
    expect(drill.fault).toEqual({ kind: 'experiment', path: '/repo/chaos/kill-primary.yaml' });
  });

  it('lists every problem at once, each with line and column', () => {
    const message = problems(`name: ''
objectives: {rto: 15 minutes, mttr: 5m}
writer: {interval: 1ms, timeout: 0.0005, postgres: {urls: []}, http: {url: 'http://x'}}
probes:
  - {name: a, http: {url: 'ftp://x'}}
  - {name: a, dns: {name: x}, tcp: {port: 1}}
fault: {}
recovery: {settle: 30m, timeout: 10m}
`);
    expect(message.split('\n')[0]).toMatch(/^invalid drill \(\d+ problems\):$/);
    for (const expected of [
      'dr/drill.yaml:1:7: name: must NOT have fewer than 1 characters',
      'dr/drill.yaml:2:19: objectives.rto: must match pattern',
      'dr/drill.yaml:2:31: objectives.mttr: unknown key "mttr"',
      'dr/drill.yaml:3:9: writer: give exactly one of postgres, http, not postgres and http',
      'dr/drill.yaml:3:20: writer.interval: must be at least 5ms',
      'dr/drill.yaml:3:34: writer.timeout: must be at least the heartbeat interval',
      'writer.postgres.urls: must NOT have fewer than 1 items',
      'writer.http: missing required key "readback"',
      'dr/drill.yaml:5:27: probes[0].http.url: must match pattern',
      'dr/drill.yaml:6:5: probes[1]: give exactly one of http, dns, postgres, tcp, not dns and tcp',
      'probes[1].name: probe name "a" is used twice',
      'dr/drill.yaml:7:8: fault: give one of command, experiment, manual',
      'recovery.settle: must be shorter than recovery.timeout',
    ]) {
      expect(message).toContain(expected);
    }
  });

  it('names a variable the environment does not have', () => {
    expect(problems(minimal)).toMatch(/dr\/drill\.yaml:4:\d+: writer\.postgres\.urls\[0\]: \$\{DB_PASSWORD\} is not set in the environment/);
  });

  it('passes the shared probes argument errors through with the probe position', () => {
    expect(problems(minimal.replace('fault:', 'probes: [{name: api, http: {url: "http://exa mple/healthz"}}]\nfault:'), { DB_PASSWORD: 'x' })).toMatch(
      /dr\/drill\.yaml:5:\d+: probes\[0\]\.http: probe http: .*url/,
    );
  });

  it('gives a YAML syntax error its position', () => {
    expect(() => loadDrill('name: [unclosed\n', 'd.yaml', '/')).toThrow(/cannot parse/);
  });
});
