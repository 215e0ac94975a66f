import { FisClient } from '@aws-sdk/client-fis';
import nock from 'nock';
import { awsFisDriver, createAwsFisDriver } from '../../../core/drivers/aws-fis.ts';
import { testContext } from './support.ts';

const ENDPOINT = 'https://fis.eu-west-1.amazonaws.com';
const TEMPLATE = 'EXT4kX9sQ2bT7wLp';

// Fake credentials: requests are signed (SigV4) exactly as for real, but go to nock.
const clients: FisClient[] = [];
const driver = createAwsFisDriver({
  client: (region) => {
    const client = new FisClient({ region, maxAttempts: 1, credentials: { accessKeyId: 'AKIAFAULTLINETEST', secretAccessKey: 'not-a-secret' } });
    clients.push(client);
    return client;
  },
});
const experiment = (status: string, reason?: string) => ({
  experiment: { id: 'EXPabc123', experimentTemplateId: TEMPLATE, state: { status, ...(reason ? { reason } : {}) }, tags: { owner: 'sre-team' } },
});

describe('aws-fis driver (FIS REST-JSON API through nock)', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore(); // see toxiproxy.test.ts
    for (const client of clients) client.destroy();
  });

  it('starts the experiment with owner and fault-id tags, waits until it runs, and stops it on revert', async () => {
    nock(ENDPOINT, { reqheaders: { authorization: /^AWS4-HMAC-SHA256 Credential=AKIAFAULTLINETEST\/\d{8}\/eu-west-1\/fis\/aws4_request/ } })
      .post('/experiments', {
        clientToken: 'faultline-exp-1-az-outage',
        experimentTemplateId: TEMPLATE,
        tags: { owner: 'sre-team', 'fault-id': 'exp-1/az-outage' },
      })
      .reply(200, experiment('initiating'))
      .get('/experiments/EXPabc123')
      .reply(200, experiment('running'));
    const context = testContext('exp-1/az-outage');
    const params = driver.validate({ 'template-id': TEMPLATE, region: 'eu-west-1', 'poll-interval': 1 });
    const injected = await driver.inject(params, context);
    expect(injected.undo).toEqual({ region: 'eu-west-1', experimentId: 'EXPabc123' });
    expect(injected.output).toEqual({ experimentId: 'EXPabc123', status: 'running', templateId: TEMPLATE });

    nock(ENDPOINT).get('/experiments/EXPabc123').reply(200, experiment('running')).delete('/experiments/EXPabc123').reply(200, experiment('stopping'));
    await driver.revert(injected.undo, context);
    expect(context.logs.at(-1)).toBe('aws-fis: stopping experiment EXPabc123');

    // Reverting an experiment that already ended sends no StopExperiment.
    nock(ENDPOINT).get('/experiments/EXPabc123').reply(200, experiment('stopped'));
    await driver.revert(injected.undo, context);
    expect(context.logs.at(-1)).toBe('aws-fis: experiment EXPabc123 already ended (stopped)');
  });

  it('reports why an experiment failed before running', async () => {
    nock(ENDPOINT)
      .post('/experiments')
      .reply(200, experiment('failed', 'Stop condition alarm is in ALARM state'));
    const params = driver.validate({ 'template-id': TEMPLATE, region: 'eu-west-1' });
    await expect(driver.inject(params, testContext())).rejects.toThrow(
      'driver "aws-fis": experiment EXPabc123 failed before running: Stop condition alarm is in ALARM state',
    );
  });

  it('stops the experiment itself when aborted while it is still starting', async () => {
    const controller = new AbortController();
    const context = { ...testContext(), signal: controller.signal };
    nock(ENDPOINT)
      .post('/experiments')
      .reply(200, () => {
        controller.abort();
        return experiment('initiating');
      })
      .get('/experiments/EXPabc123')
      .reply(200, experiment('initiating'))
      .delete('/experiments/EXPabc123')
      .reply(200, experiment('stopping'));
    const params = driver.validate({ 'template-id': TEMPLATE, region: 'eu-west-1', 'poll-interval': 1 });
    await expect(driver.inject(params, context)).rejects.toThrow(/aborted while experiment EXPabc123 was initiating; it was stopped/);
  });

  it('finds the experiment by its fault-id tag from the record written before inject', async () => {
    const params = driver.validate({ 'template-id': TEMPLATE, region: 'eu-west-1' });
    const early = driver.undoBeforeInject!(params, { faultId: 'exp-2', owner: 'sre-team' });
    nock(ENDPOINT)
      .get('/experiments')
      .query({ maxResults: '100' })
      .reply(200, { experiments: [{ id: 'EXPother', experimentTemplateId: TEMPLATE, tags: { 'fault-id': 'exp-9' } }], nextToken: 'p2' })
      .get('/experiments')
      .query({ maxResults: '100', nextToken: 'p2' })
      .reply(200, { experiments: [{ id: 'EXPmine', experimentTemplateId: TEMPLATE, tags: { 'fault-id': 'exp-2' } }] })
      .get('/experiments/EXPmine')
      .reply(200, { experiment: { id: 'EXPmine', state: { status: 'running' } } })
      .delete('/experiments/EXPmine')
      .reply(200, { experiment: { id: 'EXPmine', state: { status: 'stopping' } } });
    await driver.revert(early, testContext());
  });

  it('explains an access denial with the permissions the role needs', async () => {
    nock(ENDPOINT)
      .post('/experiments')
      .reply(403, { message: 'User is not authorized to perform: fis:StartExperiment' }, { 'x-amzn-errortype': 'AccessDeniedException' });
    const params = driver.validate({ 'template-id': TEMPLATE, region: 'eu-west-1' });
    await expect(driver.inject(params, testContext())).rejects.toMatchObject({
      message: expect.stringContaining('StartExperiment from template EXT4kX9sQ2bT7wLp failed: AccessDeniedException'),
      hint: expect.stringContaining('fis:StartExperiment'),
    });
  });

  it.each([
    [{ region: 'eu-west-1' }, /argument "template-id" is required/],
    [{ 'template-id': 'tmpl-1', region: 'eu-west-1' }, /argument "template-id" must be an experiment template id like EXT/],
    [{ 'template-id': TEMPLATE, region: 'Ireland' }, /argument "region" must be an AWS region like eu-west-1/],
    [{ 'template-id': TEMPLATE, region: 'eu-west-1', ttl: 10 }, /argument "ttl" must be a duration from 60s to 43200s/],
    [{ 'template-id': TEMPLATE, region: 'eu-west-1', duration: '5m' }, /argument "duration" is not an argument of this driver/],
  ])('rejects %j naming the argument', (args, message) => {
    expect(() => awsFisDriver.validate(args)).toThrow(message);
  });
});
