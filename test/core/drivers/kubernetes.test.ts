import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { createKubernetesDriver, kubernetesDriver } from '../../../core/drivers/kubernetes.ts';
import { testContext } from './support.ts';

const API = 'https://k8s.test:6443';
const pod = (name: string, terminating = false) => ({
  metadata: { name, namespace: 'shop', ...(terminating ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  status: { phase: 'Running' },
});

describe('kubernetes driver (Kubernetes API through nock)', () => {
  let dir: string;
  let kubeconfig: string;

  beforeAll(() => {
    nock.disableNetConnect();
    dir = mkdtempSync(join(tmpdir(), 'faultline-k8s-'));
    kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      `apiVersion: v1
kind: Config
clusters: [{ name: test, cluster: { server: "${API}", insecure-skip-tls-verify: true } }]
users: [{ name: ci, user: { token: test-token } }]
contexts: [{ name: ci@test, context: { cluster: test, user: ci } }, { name: other, context: { cluster: test, user: ci } }]
current-context: ci@test
`,
    );
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore(); // see toxiproxy.test.ts
    rmSync(dir, { recursive: true, force: true });
  });

  describe('delete-pods', () => {
    // A fixed "random" source makes the choice of victims reproducible.
    const driver = createKubernetesDriver({ random: (() => { let n = 0; return () => (n++ * 0.37) % 1; })() });

    it('lists pods by label selector and deletes the requested share of the running ones', async () => {
      nock(API, { reqheaders: { authorization: 'Bearer test-token' } })
        .get('/api/v1/namespaces/shop/pods')
        .query({ labelSelector: 'app=api,tier=web' })
        .reply(200, { kind: 'PodList', apiVersion: 'v1', items: [pod('api-1'), pod('api-2'), pod('api-3'), pod('api-4'), pod('api-0', true)] })
        .delete(/\/api\/v1\/namespaces\/shop\/pods\/api-[1-4]$/)
        .query({ gracePeriodSeconds: '0' })
        .times(2)
        .reply(200, { kind: 'Pod' });
      const params = driver.validate({ action: 'delete-pods', namespace: 'shop', 'label-selector': 'app=api,tier=web', percent: 50, 'grace-period': 0, kubeconfig });
      const context = testContext();
      const injected = await driver.inject(params, context);
      const output = injected.output as { deleted: string[]; matched: number };
      expect(output.matched).toBe(4);
      expect(output.deleted).toHaveLength(2);
      expect(output.deleted).not.toContain('api-0');

      await driver.revert(injected.undo, context);
      expect(context.logs.at(-1)).toMatch(/no-op \(not undoable; the controller .* recreates the pods\)/);
    });

    it('refuses and deletes nothing when the share exceeds max-targets', async () => {
      nock(API).get('/api/v1/namespaces/shop/pods').query(true).reply(200, { items: [pod('a'), pod('b'), pod('c')] });
      const params = driver.validate({ action: 'delete-pods', namespace: 'shop', 'label-selector': 'app=api', percent: 100, 'max-targets': 2, kubeconfig });
      await expect(driver.inject(params, testContext())).rejects.toThrow('deleting 3 of 3 pods exceeds "max-targets" 2; nothing was deleted');
    });

    it('fails clearly when no pod matches, and explains a 403', async () => {
      nock(API).get('/api/v1/namespaces/shop/pods').query(true).reply(200, { items: [] });
      const params = driver.validate({ action: 'delete-pods', namespace: 'shop', 'label-selector': 'app=gone', kubeconfig });
      await expect(driver.inject(params, testContext())).rejects.toThrow('no running pod matches "app=gone" in namespace shop');

      nock(API).get('/api/v1/namespaces/shop/pods').query(true).reply(403, { kind: 'Status', message: 'pods is forbidden' });
      await expect(driver.inject(params, testContext())).rejects.toMatchObject({
        message: expect.stringContaining('failed with HTTP 403'),
        hint: expect.stringContaining('RBAC'),
      });
    });
  });

  describe('chaos-mesh', () => {
    const spec = { action: 'pod-failure', mode: 'fixed-percent', value: '50', selector: { labelSelectors: { app: 'api' } } };

    it('creates the resource with duration = TTL and owner/fault-id labels, and deletes it on revert', async () => {
      const context = { ...testContext('Exp 7/pod-failure'), kubeconfig };
      const params = kubernetesDriver.validate({ action: 'chaos-mesh', namespace: 'shop', kind: 'PodChaos', spec, ttl: '5m' });
      const expected = {
        apiVersion: 'chaos-mesh.org/v1alpha1',
        kind: 'PodChaos',
        metadata: {
          name: 'faultline-exp-7-pod-failure',
          namespace: 'shop',
          labels: { 'faultline.dev/fault-id': 'exp-7-pod-failure', 'faultline.dev/owner': 'sre-team' },
          annotations: { 'faultline.dev/fault-id': 'Exp 7/pod-failure', 'faultline.dev/owner': 'sre-team' },
        },
        spec: { ...spec, duration: '300s' },
      };
      nock(API).post('/apis/chaos-mesh.org/v1alpha1/namespaces/shop/podchaos', expected).reply(201, expected);

      const injected = await kubernetesDriver.inject(params, context);
      expect(injected.undo).toEqual(kubernetesDriver.undoBeforeInject!(params, context));

      nock(API).delete('/apis/chaos-mesh.org/v1alpha1/namespaces/shop/podchaos/faultline-exp-7-pod-failure').reply(200, {});
      await kubernetesDriver.revert(injected.undo, context);
      nock(API).delete('/apis/chaos-mesh.org/v1alpha1/namespaces/shop/podchaos/faultline-exp-7-pod-failure').reply(404, { kind: 'Status', reason: 'NotFound' });
      await kubernetesDriver.revert(injected.undo, context);
      expect(context.logs.at(-1)).toBe('kubernetes: PodChaos shop/faultline-exp-7-pod-failure was already gone');
    });

    it.each([
      ['NetworkChaos', 'networkchaos', { action: 'partition', mode: 'all', selector: { namespaces: ['shop'] }, direction: 'to' }],
      ['StressChaos', 'stresschaos', { mode: 'one', selector: { namespaces: ['shop'] }, stressors: { cpu: { workers: 1, load: 50 } } }],
    ])('creates a %s under its plural', async (kind, plural, kindSpec) => {
      nock(API)
        .post(`/apis/chaos-mesh.org/v1alpha1/namespaces/shop/${plural}`, (body) => body.kind === kind && body.spec.duration === '60s')
        .reply(201, {});
      const params = kubernetesDriver.validate({ action: 'chaos-mesh', namespace: 'shop', kind, spec: kindSpec, kubeconfig, context: 'other' });
      await kubernetesDriver.inject(params, testContext());
    });

    it('explains a 404 on create as missing Chaos Mesh CRDs', async () => {
      nock(API).post('/apis/chaos-mesh.org/v1alpha1/namespaces/shop/podchaos').reply(404, { kind: 'Status', message: 'the server could not find the requested resource' });
      const params = kubernetesDriver.validate({ action: 'chaos-mesh', namespace: 'shop', kind: 'PodChaos', spec, kubeconfig });
      await expect(kubernetesDriver.inject(params, testContext())).rejects.toMatchObject({ hint: expect.stringContaining('Chaos Mesh CRDs are missing') });
    });
  });

  it('says where the kubeconfig should come from', async () => {
    const params = kubernetesDriver.validate({ action: 'delete-pods', namespace: 'shop', 'label-selector': 'app=api' });
    await expect(kubernetesDriver.inject(params, testContext())).rejects.toThrow(/no kubeconfig: set the "kubeconfig" argument or KUBECONFIG/);
    const missing = kubernetesDriver.validate({ action: 'delete-pods', namespace: 'shop', 'label-selector': 'app=api', kubeconfig: join(dir, 'nope') });
    await expect(kubernetesDriver.inject(missing, testContext())).rejects.toThrow(/cannot load kubeconfig .*nope/);
    const wrongContext = kubernetesDriver.validate({ action: 'delete-pods', namespace: 'shop', 'label-selector': 'app=api', kubeconfig, context: 'prod' });
    await expect(kubernetesDriver.inject(wrongContext, testContext())).rejects.toThrow(/argument "context" names "prod", which .* does not define \(it has: ci@test, other\)/);
  });

  it.each([
    [{ action: 'delete-pods', 'label-selector': 'app=x' }, /argument "namespace" is required/],
    [{ action: 'delete-pods', namespace: 'Shop', 'label-selector': 'a=b' }, /argument "namespace" must be a namespace name/],
    [{ action: 'delete-pods', namespace: 'shop' }, /argument "label-selector" is required/],
    [{ action: 'delete-pods', namespace: 'shop', 'label-selector': 'a=b', count: 1, percent: 5 }, /argument "percent" cannot be used together with "count"/],
    [{ action: 'delete-pods', namespace: 'shop', 'label-selector': 'a=b', percent: 0 }, /argument "percent" must be an integer from 1 to 100/],
    [{ action: 'chaos-mesh', namespace: 'shop', kind: 'IOChaos', spec: {} }, /argument "kind" must be one of PodChaos, NetworkChaos, StressChaos/],
    [{ action: 'chaos-mesh', namespace: 'shop', kind: 'PodChaos' }, /argument "spec" is required/],
    [{ action: 'chaos-mesh', namespace: 'shop', kind: 'PodChaos', spec: { action: 'pod-kill', mode: 'one', selector: {}, duration: '1h' } }, /argument "spec" must not set "duration"/],
    [{ action: 'chaos-mesh', namespace: 'shop', kind: 'PodChaos', spec: { action: 'pod-kill', selector: {} } }, /argument "spec" needs "mode"/],
    [{ action: 'chaos-mesh', namespace: 'shop', kind: 'PodChaos', spec: { action: 'pod-kill', mode: 'fixed', selector: {} } }, /argument "spec" needs "value" with mode "fixed"/],
    [{ action: 'chaos-mesh', namespace: 'shop', kind: 'StressChaos', spec: { mode: 'one', selector: {} } }, /argument "spec" needs "stressors"/],
    [{ action: 'chaos-mesh', namespace: 'shop', kind: 'PodChaos', 'label-selector': 'a=b', spec: {} }, /argument "label-selector" cannot be used with action "chaos-mesh"/],
  ])('rejects %j naming the argument', (args, message) => {
    expect(() => kubernetesDriver.validate(args)).toThrow(message);
  });

  it('plans the blast radius from count, percent or the Chaos Mesh mode', () => {
    expect(kubernetesDriver.plan(kubernetesDriver.validate({ action: 'delete-pods', namespace: 'shop', 'label-selector': 'a=b', count: 2 })).blastRadius).toEqual({ limit: 2, unit: 'targets' });
    expect(
      kubernetesDriver.plan(
        kubernetesDriver.validate({ action: 'chaos-mesh', namespace: 'shop', kind: 'PodChaos', spec: { action: 'pod-kill', mode: 'fixed-percent', value: '30', selector: {} } }),
      ),
    ).toMatchObject({ blastRadius: { limit: 30, unit: 'percent' }, ttlSeconds: 60, undo: 'delete the PodChaos; Chaos Mesh ends it by itself after duration 60s' });
  });
});
