import { HttpPrometheusClient, PrometheusError, parseSampleValue, redactUrl } from '../../../core/prometheus/client.ts';
import { closedPort, json, startTestServer, type TestServer } from '../../support/http-server.ts';

describe('HttpPrometheusClient', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function failureOf(promise: Promise<unknown>): Promise<PrometheusError> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof PrometheusError) return error;
      throw error;
    }
    throw new Error('expected the call to fail');
  }

  it('POSTs form-encoded queries with the custom headers and reads a vector', async () => {
    server = await startTestServer((_req, res) =>
      json(res, 200, {
        status: 'success',
        data: {
          resultType: 'vector',
          result: [
            { metric: { slo: 'a' }, value: [1700000000, '0.25'] },
            { metric: { slo: 'b' }, value: [1700000000, 'NaN'] },
            { metric: { slo: 'c' }, value: [1700000000, '+Inf'] },
          ],
        },
      }),
    );
    const client = new HttpPrometheusClient({ url: `${server.url}/prom`, headers: { 'X-Scope-OrgID': 'team-a' } });
    const samples = await client.query('sum(rate(x[5m]))', new Date(1700000000_000));
    expect(samples).toEqual([
      { labels: { slo: 'a' }, timestamp: 1700000000, value: 0.25 },
      { labels: { slo: 'b' }, timestamp: 1700000000, value: Number.NaN },
      { labels: { slo: 'c' }, timestamp: 1700000000, value: Number.POSITIVE_INFINITY },
    ]);
    const [request] = server.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/prom/api/v1/query');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers['x-scope-orgid']).toBe('team-a');
    const form = new URLSearchParams(request.body);
    expect(form.get('query')).toBe('sum(rate(x[5m]))');
    expect(form.get('time')).toBe('1700000000.000');
    expect(client.requests).toBe(1);
  });

  it('reads a scalar as one unlabelled sample and a range query as series', async () => {
    server = await startTestServer((req, res) =>
      req.path.endsWith('query_range')
        ? json(res, 200, {
            status: 'success',
            data: { resultType: 'matrix', result: [{ metric: { job: 'x' }, values: [[10, '1'], [20, '2']] }] },
          })
        : json(res, 200, { status: 'success', data: { resultType: 'scalar', result: [5, '3.5'] } }),
    );
    const client = new HttpPrometheusClient({ url: server.url });
    expect(await client.query('3.5')).toEqual([{ labels: {}, timestamp: 5, value: 3.5 }]);
    const series = await client.queryRange('x', new Date(10_000), new Date(20_000), 10);
    expect(series).toEqual([{ labels: { job: 'x' }, values: [[10, 1], [20, 2]] }]);
    expect(new URLSearchParams(server.requests[1].body).get('step')).toBe('10');
  });

  it('turns user:password in the URL into a Basic header and never shows them', async () => {
    server = await startTestServer((_req, res) => json(res, 500, { nope: true }));
    const url = server.url.replace('http://', 'http://alice:s3cret@');
    const client = new HttpPrometheusClient({ url });
    const error = await failureOf(client.query('up'));
    expect(server.requests[0].headers.authorization).toBe(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
    expect(error.format()).not.toContain('s3cret');
    expect(error.url).toBe(`${server.url}/api/v1/query`);
  });

  it('reports a refused connection as unreachable, naming the URL and what to check', async () => {
    const port = await closedPort();
    const error = await failureOf(new HttpPrometheusClient({ url: `http://127.0.0.1:${port}` }).query('up'));
    expect(error.reason).toBe('unreachable');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`Prometheus at http://127.0.0.1:${port}/api/v1/query refused the connection`);
    expect(error.hint).toMatch(/server is running/);
  });

  it('reports a server that does not answer in time as a timeout', async () => {
    server = await startTestServer(() => {
      // never answers; close() ends the connection
    });
    const error = await failureOf(new HttpPrometheusClient({ url: server.url, timeoutMs: 200 }).query('up'));
    expect(error.reason).toBe('timeout');
    expect(error.message).toMatch(/did not answer within 200 ms/);
  });

  it.each([
    [401, /credentials/],
    [404, /base URL/],
    [502, /proxy/],
  ])('reports HTTP %i with a hint that fits it', async (status, hint) => {
    server = await startTestServer((_req, res) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end('upstream says no');
    });
    const error = await failureOf(new HttpPrometheusClient({ url: server.url }).query('up'));
    expect(error.reason).toBe('http');
    expect(error.status).toBe(status);
    expect(error.message).toBe(`Prometheus at ${server.url}/api/v1/query answered HTTP ${status}: upstream says no`);
    expect(error.hint).toMatch(hint);
  });

  it('reports bad_data with Prometheus’ own explanation and points at the PromQL', async () => {
    server = await startTestServer((_req, res) =>
      json(res, 400, { status: 'error', errorType: 'bad_data', error: '1:5: parse error: unexpected ")"' }),
    );
    const error = await failureOf(new HttpPrometheusClient({ url: server.url }).query('sum())'));
    expect(error.reason).toBe('bad_data');
    expect(error.message).toBe('Prometheus rejected a query as bad_data: 1:5: parse error: unexpected ")"');
    expect(error.hint).toMatch(/PromQL in the SLO spec/);
  });

  it('rejects an answer that is not the Prometheus API (an HTML login page)', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>login</html>');
    });
    const error = await failureOf(new HttpPrometheusClient({ url: server.url }).query('up'));
    expect(error.reason).toBe('invalid-response');
    expect(error.hint).toContain('<html>login');
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => new HttpPrometheusClient({ url: 'localhost:9090' })).toThrow(/must use http or https/);
    expect(() => new HttpPrometheusClient({ url: 'not a url' })).toThrow(/is not a URL/);
  });
});

describe('parseSampleValue and redactUrl', () => {
  it('keeps NaN and infinities and rejects garbage', () => {
    expect(parseSampleValue('-Inf')).toBe(Number.NEGATIVE_INFINITY);
    expect(parseSampleValue('1e-3')).toBe(0.001);
    expect(() => parseSampleValue('abc')).toThrow(/not a number/);
    expect(() => parseSampleValue('')).toThrow(/not a number/);
  });

  it('drops credentials and query strings', () => {
    expect(redactUrl('https://u:p@prom.example/api/v1/query?token=x')).toBe('https://prom.example/api/v1/query');
  });
});
