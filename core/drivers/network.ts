/**
 * Network faults with the kernel's own tools, on the host or inside a network namespace:
 * - `partition` (iptables REJECT: peers fail fast, connection refused/reset),
 * - `blackhole` (iptables DROP: packets vanish, peers time out),
 * - `bandwidth` (tc tbf on a device's egress),
 * - `latency` / `loss` (tc netem, which many CI kernels lack: then we say so and point to toxiproxy).
 * Every iptables rule carries the comment `faultline:<fault id>` and every qdisc our own handle, so a
 * revert deletes exactly what this fault added and never a rule or qdisc someone else owns.
 */
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { FaultlineError } from '../errors.ts';
import { ArgumentReader } from './arguments.ts';
import { type CommandRunner, execFileRunner, runTool, runToolOrFail } from './command.ts';
import { startGuard, stopGuard, stopGuardsFor } from './guard.ts';
import type { ProcessIdentity } from './proc.ts';
import type { DriverContext, FaultDriver, FaultPlan, UndoRecord } from './types.ts';

type FilterAction = 'partition' | 'blackhole';
type ShapeAction = 'bandwidth' | 'latency' | 'loss';

export interface NetworkParams {
  action: FilterAction | ShapeAction;
  netns?: string;
  host?: string;
  port?: number;
  protocol: 'tcp' | 'udp' | 'all';
  direction: 'egress' | 'ingress' | 'both';
  device?: string;
  rate?: string;
  burst: string;
  delayMs?: number;
  jitterMs?: number;
  lossPercent?: number;
  ttlSeconds: number;
}

export interface IptablesRule {
  tool: 'iptables' | 'ip6tables';
  chain: 'INPUT' | 'OUTPUT';
  /** The match and target after the chain name, identical for -I, -C and -D. */
  spec: string[];
}

export interface NetworkUndo {
  netns?: string;
  rules: IptablesRule[];
  qdisc?: { device: string; handle: string };
  guard?: ProcessIdentity;
}

/** Our qdisc handle: a root qdisc with another handle is someone else's and is never deleted. */
export const QDISC_HANDLE = 'fa17:';

const ARGUMENTS = [
  'action',
  'netns',
  'host',
  'port',
  'protocol',
  'direction',
  'device',
  'rate',
  'burst',
  'delay',
  'jitter',
  'loss',
  'ttl',
] as const;
const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const DEVICE = /^[A-Za-z0-9_.:@-]{1,15}$/;
const RATE = /^\d+(\.\d+)?(bit|kbit|mbit|gbit|bps|kbps|mbps|gbps)$/i;
const SIZE = /^\d+(b|k|kb|m|mb|kbit|mbit)?$/i;

function validate(args: unknown): NetworkParams {
  const reader = new ArgumentReader('network', args, ARGUMENTS);
  const action = reader.oneOf('action', ['partition', 'blackhole', 'bandwidth', 'latency', 'loss'] as const);
  const netns = reader.string('netns', { pattern: NAME, patternText: 'a network namespace name ([A-Za-z0-9_.-])' });
  const ttlSeconds = reader.seconds('ttl', { min: 1, max: 86_400, fallback: 60 });
  const base = { action, netns, ttlSeconds, protocol: 'all' as const, direction: 'both' as const, burst: '32kbit' };
  if (action === 'partition' || action === 'blackhole') {
    reader.forbid(['device', 'rate', 'burst', 'delay', 'jitter', 'loss'], `with action "${action}" (they shape traffic)`);
    const host = reader.string('host');
    if (host !== undefined && !isAddressOrCidr(host)) {
      throw reader.error(
        'host',
        `must be an IP address or CIDR (e.g. 10.0.0.5 or 10.0.0.0/24), got ${JSON.stringify(host)}`,
        'resolve host names first: iptables would freeze whatever address the name had when the rule was added',
      );
    }
    const port = reader.integer('port', { min: 1, max: 65_535 });
    if (host === undefined && port === undefined) {
      throw reader.error('host', 'or "port" is required: without either the rule would cut all traffic, including the runner\'s own');
    }
    const protocol = reader.oneOf('protocol', ['tcp', 'udp', 'all'] as const, port === undefined ? 'all' : 'tcp');
    if (port !== undefined && protocol === 'all') throw reader.error('protocol', 'must be tcp or udp when "port" is given');
    const direction = reader.oneOf('direction', ['egress', 'ingress', 'both'] as const, 'both');
    return { ...base, host, port, protocol, direction };
  }
  reader.forbid(['host', 'port', 'protocol', 'direction'], `with action "${action}" (it shapes a whole device)`);
  const device = reader.string('device', { required: true, pattern: DEVICE, patternText: 'a network device name like eth0' });
  if (action === 'bandwidth') {
    reader.forbid(['delay', 'jitter', 'loss'], 'with action "bandwidth"');
    const rate = reader.string('rate', { required: true, pattern: RATE, patternText: 'a tc rate like "1mbit" or "500kbit"' });
    const burst = reader.string('burst', { pattern: SIZE, patternText: 'a tc size like "32kbit" or "64kb"' }) ?? '32kbit';
    return { ...base, device, rate, burst };
  }
  reader.forbid(['rate', 'burst'], `with action "${action}"`);
  const delayMs = reader.integer('delay', { min: 1, max: 60_000 });
  const jitterMs = reader.integer('jitter', { min: 0, max: 60_000 });
  const lossPercent = reader.number('loss', { min: 0.01, max: 100 });
  if (action === 'latency' && delayMs === undefined) throw reader.error('delay', 'is required for action "latency" (milliseconds)');
  if (action === 'loss' && lossPercent === undefined) throw reader.error('loss', 'is required for action "loss" (percent)');
  return { ...base, device, delayMs, jitterMs, lossPercent };
}

function isAddressOrCidr(host: string): boolean {
  const [address, prefix, ...rest] = host.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

/** Keeps the comment within iptables' 256 bytes and free of quoting surprises. */
export function ruleComment(faultId: string): string {
  return `faultline:${faultId.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 200)}`;
}

/** The exact rules a partition/blackhole adds; deterministic, so a ledger can hold them up front. */
export function rulesFor(params: NetworkParams, faultId: string): IptablesRule[] {
  if (params.action !== 'partition' && params.action !== 'blackhole') return [];
  const tool = params.host && isIP(params.host.split('/')[0]!) === 6 ? 'ip6tables' : 'iptables';
  const target =
    params.action === 'blackhole'
      ? ['-j', 'DROP']
      : params.protocol === 'tcp'
        ? ['-j', 'REJECT', '--reject-with', 'tcp-reset']
        : ['-j', 'REJECT'];
  const match = (peerFlag: '-d' | '-s'): string[] => [
    ...(params.host ? [peerFlag, params.host] : []),
    ...(params.protocol !== 'all' ? ['-p', params.protocol] : []),
    ...(params.port !== undefined ? ['--dport', String(params.port)] : []),
    '-m',
    'comment',
    '--comment',
    ruleComment(faultId),
    ...target,
  ];
  const rules: IptablesRule[] = [];
  if (params.direction !== 'ingress') rules.push({ tool, chain: 'OUTPUT', spec: match('-d') });
  if (params.direction !== 'egress') rules.push({ tool, chain: 'INPUT', spec: match('-s') });
  return rules;
}

function describeTarget(params: NetworkParams): string {
  const where = params.netns ? `in network namespace ${params.netns}` : 'on the host';
  if (params.device) return `device ${params.device} ${where}`;
  const peer = [params.host ?? 'any host', params.port !== undefined ? `port ${params.protocol}/${params.port}` : 'all ports'];
  return `${peer.join(', ')} (${params.direction}) ${where}`;
}

function plan(params: NetworkParams): FaultPlan {
  const actions: Record<NetworkParams['action'], string> = {
    partition: 'partition (iptables REJECT)',
    blackhole: 'blackhole (iptables DROP)',
    bandwidth: `limit bandwidth to ${params.rate} (tc tbf)`,
    latency: `add ${params.delayMs}ms latency (tc netem)`,
    loss: `drop ${params.lossPercent}% of packets (tc netem)`,
  };
  const filter = params.action === 'partition' || params.action === 'blackhole';
  return {
    driver: 'network',
    action: actions[params.action],
    target: describeTarget(params),
    ttlSeconds: params.ttlSeconds,
    undo: filter
      ? 'delete the iptables rules commented faultline:<fault id> (a detached guard deletes them after the TTL)'
      : `delete the root qdisc with handle ${QDISC_HANDLE} (a detached guard deletes it after the TTL)`,
  };
}

function withNetns(netns: string | undefined, tool: string, args: string[]): string[] {
  return netns ? ['ip', 'netns', 'exec', netns, tool, ...args] : [tool, ...args];
}

function qdiscArgs(params: NetworkParams): string[] {
  const head = ['qdisc', 'add', 'dev', params.device!, 'root', 'handle', QDISC_HANDLE];
  if (params.action === 'bandwidth') return [...head, 'tbf', 'rate', params.rate!, 'burst', params.burst, 'latency', '400ms'];
  const netem = [...head, 'netem'];
  if (params.delayMs !== undefined) {
    netem.push('delay', `${params.delayMs}ms`);
    if (params.jitterMs) netem.push(`${params.jitterMs}ms`);
  }
  if (params.lossPercent !== undefined) netem.push('loss', `${params.lossPercent}%`);
  return netem;
}

/** What revert needs, known before anything is touched (the ledger can record it first). */
export function plannedUndo(params: NetworkParams, faultId: string): NetworkUndo {
  const undo: NetworkUndo = { rules: rulesFor(params, faultId) };
  if (params.netns) undo.netns = params.netns;
  if (params.device) undo.qdisc = { device: params.device, handle: QDISC_HANDLE };
  return undo;
}

async function addQdisc(runner: CommandRunner, params: NetworkParams): Promise<void> {
  const result = await runTool(runner, params.netns, 'tc', qdiscArgs(params));
  if (result.exitCode === 0) return;
  const stderr = result.stderr.trim();
  if (params.action !== 'bandwidth' && /qdisc kind is unknown|Unknown qdisc/i.test(stderr)) {
    throw new FaultlineError(
      `driver "network": this kernel has no netem qdisc (tc says: ${stderr}), so "${params.action}" cannot be injected here`,
      {
        hint: 'put a toxiproxy in front of the service and use the "toxiproxy" driver (toxic "latency", or "timeout"/"reset_peer"/"limit_data" for loss-like faults), or load the sch_netem kernel module',
        exitCode: 1,
      },
    );
  }
  if (/Exclusivity flag on|NLM_F_REPLACE|File exists/i.test(stderr)) {
    throw new FaultlineError(`driver "network": device ${params.device} already has a root qdisc; refusing to replace it`, {
      hint: 'remove the existing qdisc (tc qdisc show dev DEVICE) or target another device',
      exitCode: 1,
    });
  }
  throw new FaultlineError(`driver "network": tc ${qdiscArgs(params).join(' ')} failed (exit ${result.exitCode}): ${stderr}`, {
    hint: 'the driver needs root (CAP_NET_ADMIN) and an existing device; check "device" and "netns"',
    exitCode: 1,
  });
}

async function removeRule(runner: CommandRunner, netns: string | undefined, rule: IptablesRule): Promise<number> {
  let removed = 0;
  // Delete until iptables says the rule is not there: one exec per copy plus one, and a fault
  // injected twice (a retried step) leaves two copies.
  for (let rounds = 0; rounds < 16; rounds++) {
    const result = await runTool(runner, netns, rule.tool, ['-w', '-D', rule.chain, ...rule.spec]);
    if (result.exitCode === 0) {
      removed++;
      continue;
    }
    if (/does a matching rule exist|Bad rule|No chain\/target\/match/i.test(result.stderr)) break;
    throw new FaultlineError(
      `driver "network": ${rule.tool} -D ${rule.chain} ${rule.spec.join(' ')} failed (exit ${result.exitCode}): ${result.stderr.trim()}`,
      { hint: 'the driver needs root (CAP_NET_ADMIN); the rule is still in place, remove it by its comment', exitCode: 1 },
    );
  }
  return removed;
}

async function removeQdisc(runner: CommandRunner, netns: string | undefined, qdisc: { device: string; handle: string }): Promise<boolean> {
  const shown = await runTool(runner, netns, 'tc', ['qdisc', 'show', 'dev', qdisc.device]);
  if (shown.exitCode !== 0) return false; // the device is gone, and its qdisc with it
  const ours = shown.stdout.split('\n').some((line) => line.includes(` ${qdisc.handle} root`));
  if (!ours) return false;
  await runToolOrFail(runner, netns, 'tc', ['qdisc', 'del', 'dev', qdisc.device, 'root', 'handle', qdisc.handle]);
  return true;
}

function parseUndo(undo: UndoRecord): NetworkUndo {
  if (!Array.isArray(undo.rules)) {
    throw new FaultlineError('driver "network": the undo record is damaged (expected "rules")', { exitCode: 1 });
  }
  return undo as unknown as NetworkUndo;
}

export interface NetworkDriverOptions {
  runner?: CommandRunner;
  /** Where `ip netns` keeps named namespaces; a missing one means its rules are gone too. */
  netnsDir?: string;
}

export function createNetworkDriver(options: NetworkDriverOptions = {}): FaultDriver<NetworkParams> {
  const runner = options.runner ?? execFileRunner;
  const netnsDir = options.netnsDir ?? '/run/netns';

  async function revert(undo: UndoRecord, context: Pick<DriverContext, 'log' | 'faultId'>): Promise<void> {
    const record = parseUndo(undo);
    stopGuard(record.guard);
    stopGuardsFor(context.faultId);
    if (record.netns && !existsSync(`${netnsDir}/${record.netns}`)) {
      context.log(`network: namespace ${record.netns} no longer exists; nothing left to remove`);
      return;
    }
    let removed = 0;
    for (const rule of record.rules) removed += await removeRule(runner, record.netns, rule);
    const qdiscRemoved = record.qdisc ? await removeQdisc(runner, record.netns, record.qdisc) : false;
    context.log(`network: removed ${removed} iptables rule(s)${qdiscRemoved ? ` and qdisc ${record.qdisc!.handle} on ${record.qdisc!.device}` : ''}`);
  }

  return {
    name: 'network',
    validate,
    plan,
    undoBeforeInject: (params, context) => plannedUndo(params, context.faultId) as unknown as UndoRecord,
    async inject(params, context) {
      const undo = plannedUndo(params, context.faultId);
      try {
        if (undo.qdisc) await addQdisc(runner, params);
        for (const rule of undo.rules) {
          await runToolOrFail(runner, params.netns, rule.tool, ['-w', '-I', rule.chain, ...rule.spec]);
        }
      } catch (error) {
        // Half a partition is still a fault: take back whatever did get added before failing.
        await revert(undo as unknown as UndoRecord, context).catch(() => undefined);
        throw error;
      }
      const commands = [
        ...undo.rules.map((rule) => withNetns(params.netns, rule.tool, ['-w', '-D', rule.chain, ...rule.spec])),
        ...(undo.qdisc ? [withNetns(params.netns, 'tc', ['qdisc', 'del', 'dev', undo.qdisc.device, 'root', 'handle', QDISC_HANDLE])] : []),
      ];
      undo.guard = startGuard({ delayMs: params.ttlSeconds * 1000, commands }, context.faultId);
      context.log(`network: ${plan(params).action} on ${describeTarget(params)} for ${params.ttlSeconds}s`);
      return {
        undo: undo as unknown as UndoRecord,
        output: { netns: params.netns ?? null, rules: undo.rules.map((r) => `${r.tool} -I ${r.chain} ${r.spec.join(' ')}`), qdisc: undo.qdisc ?? null },
      };
    },
    revert,
  };
}

export const networkDriver = createNetworkDriver();
