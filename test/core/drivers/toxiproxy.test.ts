import nock from 'nock';
import { toxiproxyDriver } from '../../../core/drivers/toxiproxy.ts';
import { testContext } from './support.ts';

const API = 'http://toxiproxy.test:8474';

describe('toxiproxy driver (HTTP API through nock)', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  // restore(): jest gives every test file its own nock; a stale one left active in a shared worker
  // would answer the next file's requests too.
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });

  it('adds a latency toxic with the body toxiproxy documents, and deletes exactly that toxic on revert', async () => {
    const context = testContext('exp-1/latency');
    const params = toxiproxyDriver.validate({
      url: API,
      proxy: 'postgres',
      toxic: 'latency',
      attributes: { latency: 800, jitter: 100 },
      toxicity: 0.5,
    });
    const toxic = {
      name: 'faultline-exp-1-latency',
      type: 'latency',
      stream: 'downstream',
      toxicity: 0.5,
      attributes: { latency: 800, jitter: 100 },
    };
    nock(API).post('/proxies/postgres/toxics', toxic).reply(200, toxic);

    const injected = await toxiproxyDriver.inject(params, context);
    expect(injected.undo).toEqual({ url: API, proxy: 'postgres', toxics: ['faultline-exp-1-latency'], reenable: false });

    nock(API).delete('/proxies/postgres/toxics/faultline-exp-1-latency').reply(204);
    await toxiproxyDriver.revert(injected.undo, context);

    // Reverting again: toxiproxy answers 404 for a toxic that is gone, which is success for us.
    nock(API).delete('/proxies/postgres/toxics/faultline-exp-1-latency').reply(404, 'toxic not found');
    await toxiproxyDriver.revert(injected.undo, context);
  });

  it.each([
    ['bandwidth', { rate: 100 }],
    ['timeout', { timeout: 0 }],
    ['reset_peer', { timeout: 500 }],
    ['slicer', { average_size: 64, size_variation: 32, delay: 10 }],
    ['limit_data', { bytes: 1024 }],
    ['slow_close', { delay: 2000 }],
  ])('sends a %s toxic on the requested stream', async (type, attributes) => {
    const params = toxiproxyDriver.validate({ url: API, proxy: 'api', toxic: type, stream: 'upstream', attributes });
    nock(API)
      .post('/proxies/api/toxics', { name: 'faultline-f1', type, stream: 'upstream', toxicity: 1, attributes })
      .reply(200, {});
    await toxiproxyDriver.inject(params, testContext('f1'));
  });

  it('takes a proxy down with enabled:false and re-enables it on revert', async () => {
    const params = toxiproxyDriver.validate({ url: API, proxy: 'redis', toxic: 'down' });
    nock(API)
      .get('/proxies/redis')
      .reply(200, { name: 'redis', listen: '[::]:26379', upstream: 'redis:6379', enabled: true, toxics: [] })
      .post('/proxies/redis', { enabled: false })
      .reply(200, { name: 'redis', enabled: false });
    const injected = await toxiproxyDriver.inject(params, testContext());
    expect(injected.undo).toMatchObject({ toxics: [], reenable: true });

    nock(API).post('/proxies/redis', { enabled: true }).reply(200, { name: 'redis', enabled: true });
    await toxiproxyDriver.revert(injected.undo, testContext());
  });

  it('leaves a proxy that was already down as it was (revert enables nothing)', async () => {
    nock(API).get('/proxies/redis').reply(200, { name: 'redis', enabled: false, toxics: [] });
    const injected = await toxiproxyDriver.inject(toxiproxyDriver.validate({ url: API, proxy: 'redis', toxic: 'down' }), testContext());
    expect(injected.undo).toMatchObject({ reenable: false });
    await toxiproxyDriver.revert(injected.undo, testContext()); // no request expected
  });

  it('names the known proxies when the proxy does not exist', async () => {
    nock(API)
      .post('/proxies/pg/toxics')
      .reply(404, 'proxy not found')
      .get('/proxies')
      .reply(200, { postgres: { name: 'postgres' }, redis: { name: 'redis' } });
    const params = toxiproxyDriver.validate({ url: API, proxy: 'pg', toxic: 'latency', attributes: { latency: 5 } });
    await expect(toxiproxyDriver.inject(params, testContext())).rejects.toThrow(
      'driver "toxiproxy": there is no proxy "pg" at http://toxiproxy.test:8474 (known: postgres, redis)',
    );
  });

  it('says so when a toxic of the same fault is already there', async () => {
    nock(API).post('/proxies/pg/toxics').reply(409, 'toxic already exists');
    const params = toxiproxyDriver.validate({ url: API, proxy: 'pg', toxic: 'timeout', attributes: { timeout: 10 } });
    await expect(toxiproxyDriver.inject(params, testContext('dup'))).rejects.toThrow(/already has a toxic named "faultline-dup"/);
  });

  it('says where it looked when the API cannot be reached', async () => {
    const params = toxiproxyDriver.validate({ url: 'http://127.0.0.1:1', proxy: 'pg', toxic: 'timeout', attributes: { timeout: 10 } });
    nock.enableNetConnect('127.0.0.1:1');
    await expect(toxiproxyDriver.inject(params, testContext())).rejects.toMatchObject({
      message: expect.stringMatching(/cannot reach the toxiproxy API at http:\/\/127\.0\.0\.1:1/),
      hint: expect.stringContaining('start toxiproxy'),
    });
    nock.disableNetConnect();
  });

  it('records the toxic name before inject so a crashed run can still remove it', () => {
    const params = toxiproxyDriver.validate({ url: API, proxy: 'pg', toxic: 'bandwidth', attributes: { rate: 10 } });
    expect(toxiproxyDriver.undoBeforeInject!(params, { faultId: 'F 9', owner: 'o' })).toEqual({
      url: API,
      proxy: 'pg',
      toxics: ['faultline-f-9'],
      reenable: false,
    });
  });

  it.each([
    [{ toxic: 'latency' }, /argument "proxy" is required/],
    [{ proxy: 'pg', toxic: 'jitter' }, /argument "toxic" must be one of latency, bandwidth, timeout, reset_peer, slicer, limit_data, slow_close, down/],
    [{ proxy: 'pg', toxic: 'latency' }, /argument "attributes" needs "latency" \(ms\) for toxic "latency"/],
    [{ proxy: 'pg', toxic: 'latency', attributes: { latency: '1s' } }, /"latency" must be a whole number >= 0/],
    [{ proxy: 'pg', toxic: 'bandwidth', attributes: { rate: 1, bytes: 3 } }, /has "bytes", which toxic "bandwidth" does not take \(it takes: rate\)/],
    [{ proxy: 'pg', toxic: 'down', attributes: {} }, /argument "attributes" cannot be used with toxic "down"/],
    [{ proxy: 'pg', toxic: 'timeout', attributes: { timeout: 1 }, toxicity: 2 }, /argument "toxicity" must be a number from 0 to 1/],
    [{ proxy: 'pg', toxic: 'timeout', attributes: { timeout: 1 }, url: 'toxiproxy:8474' }, /argument "url" must be the API address/],
  ])('rejects %j naming the argument', (args, message) => {
    expect(() => toxiproxyDriver.validate(args)).toThrow(message);
  });
});
