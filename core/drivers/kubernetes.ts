/**
 * Kubernetes faults with @kubernetes/client-node:
 * - `delete-pods`: delete `count` pods (or `percent` of them) chosen at random among those matching
 *   a label selector; `max-targets` is a hard cap. Not undoable: the controller recreates them.
 * - `chaos-mesh`: create a PodChaos, NetworkChaos or StressChaos whose `duration` is our TTL, so
 *   Chaos Mesh ends the fault by itself; labelled with the fault id and owner; undo deletes it.
 * The kubeconfig comes from the `kubeconfig` argument or from the face (DriverContext.kubeconfig).
 */
import type { KubeConfig, V1Pod } from '@kubernetes/client-node';
import { FaultlineError } from '../errors.ts';
import { type Arguments, ArgumentReader, safeName } from './arguments.ts';
import type { DriverContext, FaultDriver, FaultPlan, UndoRecord } from './types.ts';

export const CHAOS_MESH = { group: 'chaos-mesh.org', version: 'v1alpha1' } as const;
const CHAOS_KINDS = { PodChaos: 'podchaos', NetworkChaos: 'networkchaos', StressChaos: 'stresschaos' } as const;
type ChaosKind = keyof typeof CHAOS_KINDS;
const CHAOS_MODES = ['one', 'all', 'fixed', 'fixed-percent', 'random-max-percent'] as const;
const NOT_UNDOABLE = 'not undoable; the controller (Deployment, StatefulSet...) recreates the pods';

interface Cluster {
  kubeconfig?: string;
  context?: string;
}

export type KubernetesParams = Cluster & { namespace: string; ttlSeconds: number } & (
    | { action: 'delete-pods'; labelSelector: string; count?: number; percent?: number; maxTargets?: number; gracePeriodSeconds?: number }
    | { action: 'chaos-mesh'; kind: ChaosKind; spec: Arguments }
  );

interface ChaosUndo extends Cluster {
  action: 'chaos-mesh';
  kind: ChaosKind;
  namespace: string;
  name: string;
}

const ARGUMENTS = [
  'action',
  'namespace',
  'label-selector',
  'count',
  'percent',
  'max-targets',
  'grace-period',
  'kind',
  'spec',
  'ttl',
  'kubeconfig',
  'context',
] as const;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function validate(args: unknown): KubernetesParams {
  const reader = new ArgumentReader('kubernetes', args, ARGUMENTS);
  const action = reader.oneOf('action', ['delete-pods', 'chaos-mesh'] as const);
  const cluster: Cluster & { namespace: string } = {
    namespace: reader.string('namespace', { required: true, pattern: DNS_LABEL, patternText: 'a namespace name (lower-case DNS label)' }),
    kubeconfig: reader.string('kubeconfig'),
    context: reader.string('context'),
  };
  if (action === 'delete-pods') {
    reader.forbid(['kind', 'spec', 'ttl'], 'with action "delete-pods"');
    const labelSelector = reader.string('label-selector', { required: true });
    if (reader.has('count') && reader.has('percent')) throw reader.error('percent', 'cannot be used together with "count": choose one');
    const percent = reader.integer('percent', { min: 1, max: 100 });
    return {
      ...cluster,
      action,
      labelSelector,
      count: percent === undefined ? reader.integer('count', { min: 1, max: 10_000, fallback: 1 }) : undefined,
      percent,
      maxTargets: reader.integer('max-targets', { min: 1, max: 10_000 }),
      gracePeriodSeconds: reader.integer('grace-period', { min: 0, max: 3600 }),
      ttlSeconds: 0,
    };
  }
  reader.forbid(['label-selector', 'count', 'percent', 'max-targets', 'grace-period'], 'with action "chaos-mesh" (the spec selects the targets)');
  const kind = reader.oneOf('kind', Object.keys(CHAOS_KINDS) as ChaosKind[]);
  const spec = reader.object('spec', { required: true });
  if (spec.duration !== undefined) {
    throw reader.error('spec', 'must not set "duration": Faultline sets it from "ttl" so the fault always ends');
  }
  if (typeof spec.selector !== 'object' || spec.selector === null) {
    throw reader.error('spec', 'needs "selector" (e.g. {namespaces: [shop], labelSelectors: {app: api}})');
  }
  if (!CHAOS_MODES.includes(spec.mode as (typeof CHAOS_MODES)[number])) {
    throw reader.error('spec', `needs "mode", one of ${CHAOS_MODES.join(', ')} (Chaos Mesh's blast radius)`);
  }
  if ((spec.mode === 'fixed' || String(spec.mode).endsWith('percent')) && spec.value === undefined) {
    throw reader.error('spec', `needs "value" with mode "${spec.mode}"`);
  }
  if (kind === 'StressChaos' ? spec.stressors === undefined : typeof spec.action !== 'string') {
    throw reader.error('spec', kind === 'StressChaos' ? 'needs "stressors" for a StressChaos' : `needs "action" for a ${kind}`);
  }
  return { ...cluster, action, kind, spec, ttlSeconds: reader.seconds('ttl', { min: 1, max: 86_400, fallback: 60 }) };
}

function plan(params: KubernetesParams): FaultPlan {
  if (params.action === 'delete-pods') {
    const how = params.percent !== undefined ? `${params.percent}% of the` : `${params.count}`;
    return {
      driver: 'kubernetes',
      action: `delete ${how} pod(s), chosen at random`,
      target: `pods matching "${params.labelSelector}" in namespace ${params.namespace}`,
      ttlSeconds: 0,
      undo: NOT_UNDOABLE,
      blastRadius:
        params.percent !== undefined
          ? { limit: params.percent, unit: 'percent' }
          : { limit: params.maxTargets !== undefined ? Math.min(params.count!, params.maxTargets) : params.count!, unit: 'targets' },
    };
  }
  const { mode, value } = params.spec as { mode: string; value?: string | number };
  const blastRadius: FaultPlan['blastRadius'] =
    mode === 'one'
      ? { limit: 1, unit: 'targets' }
      : mode === 'fixed'
        ? { limit: Number(value), unit: 'targets' }
        : mode.endsWith('percent')
          ? { limit: Number(value), unit: 'percent' }
          : undefined;
  return {
    driver: 'kubernetes',
    action: `Chaos Mesh ${params.kind} (${String(params.spec.action ?? 'stressors')}, mode ${mode}${value !== undefined ? ` ${value}` : ''})`,
    target: `namespace ${params.namespace}`,
    ttlSeconds: params.ttlSeconds,
    undo: `delete the ${params.kind}; Chaos Mesh ends it by itself after duration ${params.ttlSeconds}s`,
    ...(blastRadius ? { blastRadius } : {}),
  };
}

export function chaosName(faultId: string): string {
  return `faultline-${safeName(faultId, 50)}`;
}

/** Label values: at most 63 characters of [A-Za-z0-9._-], starting and ending alphanumeric. */
function labelValue(text: string): string {
  return safeName(text, 63);
}

export function chaosResource(params: Extract<KubernetesParams, { action: 'chaos-mesh' }>, context: Pick<DriverContext, 'faultId' | 'owner'>) {
  return {
    apiVersion: `${CHAOS_MESH.group}/${CHAOS_MESH.version}`,
    kind: params.kind,
    metadata: {
      name: chaosName(context.faultId),
      namespace: params.namespace,
      labels: { 'faultline.dev/fault-id': labelValue(context.faultId), 'faultline.dev/owner': labelValue(context.owner) },
      annotations: { 'faultline.dev/fault-id': context.faultId, 'faultline.dev/owner': context.owner },
    },
    spec: { ...params.spec, duration: `${params.ttlSeconds}s` },
  };
}

/** client-node takes over a second to import: load it only when a fault really talks to a cluster. */
const kubernetesClient = () => import('@kubernetes/client-node');

async function loadConfig(cluster: Cluster, fallbackPath: string | undefined): Promise<KubeConfig> {
  const path = cluster.kubeconfig ?? fallbackPath;
  if (!path) {
    throw new FaultlineError('driver "kubernetes": no kubeconfig: set the "kubeconfig" argument or KUBECONFIG for the run', {
      hint: 'in a workflow, a step like azure/k8s-set-context or aws eks update-kubeconfig writes one and sets KUBECONFIG',
    });
  }
  const config = new (await kubernetesClient()).KubeConfig();
  try {
    config.loadFromFile(path);
  } catch (error) {
    throw new FaultlineError(`driver "kubernetes": cannot load kubeconfig ${path}: ${(error as Error).message}`, {
      hint: 'check the "kubeconfig" argument (or KUBECONFIG) points at a readable kubeconfig file',
      cause: error,
    });
  }
  if (cluster.context) {
    if (!config.getContexts().some((c) => c.name === cluster.context)) {
      throw new FaultlineError(
        `driver "kubernetes": argument "context" names "${cluster.context}", which ${path} does not define (it has: ${config.getContexts().map((c) => c.name).join(', ')})`,
      );
    }
    config.setCurrentContext(cluster.context);
  }
  return config;
}

/** Turns client-node's ApiException (or a network error) into something an operator can act on. */
function apiError(error: unknown, what: string, config: KubeConfig): FaultlineError {
  const code = (error as { code?: unknown }).code;
  const server = config.getCurrentCluster()?.server ?? 'the cluster';
  if (typeof code !== 'number') {
    return new FaultlineError(`driver "kubernetes": cannot reach the Kubernetes API at ${server} (${what}): ${(error as Error).message}`, {
      exitCode: 1,
      cause: error,
    });
  }
  const hints: Record<number, string> = {
    401: 'the kubeconfig credentials were rejected; refresh them',
    403: 'grant the identity RBAC: pods list/delete, or create/delete on chaos-mesh.org podchaos/networkchaos/stresschaos',
    404: 'the namespace or the Chaos Mesh CRDs are missing (helm install chaos-mesh)',
  };
  const body = (error as { body?: unknown }).body;
  const reason = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  return new FaultlineError(`driver "kubernetes": ${what} failed with HTTP ${code}: ${reason.slice(0, 300)}`, {
    hint: hints[code],
    exitCode: 1,
    cause: error,
  });
}

export interface KubernetesDriverOptions {
  /** Chooses which pods die; tests pass a deterministic one. */
  random?: () => number;
}

export function createKubernetesDriver(options: KubernetesDriverOptions = {}): FaultDriver<KubernetesParams> {
  const random = options.random ?? Math.random;

  async function deletePods(params: Extract<KubernetesParams, { action: 'delete-pods' }>, context: DriverContext) {
    const config = await loadConfig(params, context.kubeconfig);
    const core = config.makeApiClient((await kubernetesClient()).CoreV1Api);
    let pods: V1Pod[];
    try {
      pods = (await core.listNamespacedPod({ namespace: params.namespace, labelSelector: params.labelSelector })).items;
    } catch (error) {
      throw apiError(error, `listing pods "${params.labelSelector}" in ${params.namespace}`, config);
    }
    const candidates = pods.filter((pod) => !pod.metadata?.deletionTimestamp && pod.metadata?.name);
    if (candidates.length === 0) {
      throw new FaultlineError(`driver "kubernetes": no running pod matches "${params.labelSelector}" in namespace ${params.namespace}`, {
        hint: 'check the label selector (kubectl get pods -l ...) and the namespace',
        exitCode: 1,
      });
    }
    const wanted =
      params.percent !== undefined ? Math.max(1, Math.ceil((candidates.length * params.percent) / 100)) : Math.min(params.count!, candidates.length);
    if (params.maxTargets !== undefined && wanted > params.maxTargets) {
      throw new FaultlineError(
        `driver "kubernetes": deleting ${wanted} of ${candidates.length} pods exceeds "max-targets" ${params.maxTargets}; nothing was deleted`,
        { hint: 'lower "percent"/"count" or raise "max-targets" deliberately', exitCode: 1 },
      );
    }
    const chosen = candidates
      .map((pod) => ({ pod, key: random() }))
      .sort((a, b) => a.key - b.key)
      .slice(0, wanted)
      .map(({ pod }) => pod.metadata!.name!);
    for (const name of chosen) {
      try {
        await core.deleteNamespacedPod({ name, namespace: params.namespace, gracePeriodSeconds: params.gracePeriodSeconds });
      } catch (error) {
        if ((error as { code?: number }).code !== 404) throw apiError(error, `deleting pod ${params.namespace}/${name}`, config);
      }
    }
    context.log(`kubernetes: deleted ${chosen.length} of ${candidates.length} pod(s): ${chosen.join(', ')}`);
    return {
      undo: { action: 'delete-pods', namespace: params.namespace, pods: chosen, reason: NOT_UNDOABLE },
      output: { namespace: params.namespace, deleted: chosen, matched: candidates.length },
    };
  }

  async function applyChaos(params: Extract<KubernetesParams, { action: 'chaos-mesh' }>, context: DriverContext) {
    const config = await loadConfig(params, context.kubeconfig);
    const body = chaosResource(params, context);
    try {
      await config.makeApiClient((await kubernetesClient()).CustomObjectsApi).createNamespacedCustomObject({
        ...CHAOS_MESH,
        namespace: params.namespace,
        plural: CHAOS_KINDS[params.kind],
        body,
      });
    } catch (error) {
      throw apiError(error, `creating ${params.kind} ${params.namespace}/${body.metadata.name}`, config);
    }
    context.log(`kubernetes: created ${params.kind} ${params.namespace}/${body.metadata.name} for ${params.ttlSeconds}s`);
    const undo: ChaosUndo = {
      action: 'chaos-mesh',
      kind: params.kind,
      namespace: params.namespace,
      name: body.metadata.name,
      kubeconfig: params.kubeconfig ?? context.kubeconfig,
      context: params.context,
    };
    return { undo: undo as unknown as UndoRecord, output: { kind: params.kind, namespace: params.namespace, name: body.metadata.name } };
  }

  return {
    name: 'kubernetes',
    validate,
    plan,
    undoBeforeInject: (params, context) =>
      params.action === 'delete-pods'
        ? { action: 'delete-pods', namespace: params.namespace, pods: [], reason: NOT_UNDOABLE }
        : {
            action: 'chaos-mesh',
            kind: params.kind,
            namespace: params.namespace,
            name: chaosName(context.faultId),
            kubeconfig: params.kubeconfig ?? context.kubeconfig,
            context: params.context,
          },
    inject: (params, context) => (params.action === 'delete-pods' ? deletePods(params, context) : applyChaos(params, context)),
    async revert(undo, context) {
      if (undo.action === 'delete-pods') {
        context.log(`kubernetes: revert of a pod deletion is a no-op (${NOT_UNDOABLE})`);
        return;
      }
      const record = undo as unknown as ChaosUndo;
      if (record.action !== 'chaos-mesh' || !(record.kind in CHAOS_KINDS) || typeof record.name !== 'string') {
        throw new FaultlineError('driver "kubernetes": the undo record is damaged (expected action, kind, namespace, name)', { exitCode: 1 });
      }
      const config = await loadConfig(record, context.kubeconfig);
      try {
        await config.makeApiClient((await kubernetesClient()).CustomObjectsApi).deleteNamespacedCustomObject({
          ...CHAOS_MESH,
          namespace: record.namespace,
          plural: CHAOS_KINDS[record.kind],
          name: record.name,
        });
        context.log(`kubernetes: deleted ${record.kind} ${record.namespace}/${record.name}`);
      } catch (error) {
        // 404: already deleted (a second revert) or never created (a crash before the create).
        if ((error as { code?: number }).code !== 404) throw apiError(error, `deleting ${record.kind} ${record.namespace}/${record.name}`, config);
        context.log(`kubernetes: ${record.kind} ${record.namespace}/${record.name} was already gone`);
      }
    },
  };
}

export const kubernetesDriver = createKubernetesDriver();
