import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { execFileRunner, type CommandRunner } from '../../../core/drivers/command.ts';
import { createNetworkDriver, networkDriver } from '../../../core/drivers/network.ts';
import { readStat } from '../../../core/drivers/proc.ts';
import { testContext, waitFor } from './support.ts';

const isRoot = process.getuid?.() === 0;
const describeAsRoot = isRoot ? describe : describe.skip;
if (!isRoot) console.warn('network driver tests skipped: creating network namespaces and iptables rules needs root');

// Unique per run so parallel helpers' namespaces never collide.
const tag = (process.pid % 10_000).toString();
const client = `flt-c-${tag}`;
const server = `flt-s-${tag}`;
const subnet = `10.${200 + (process.pid % 50)}.${process.pid % 250}`;
const clientIp = `${subnet}.1`;
const serverIp = `${subnet}.2`;
const port = 18_000 + (process.pid % 1000);

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' }).toString();
const inNs = (ns: string, ...args: string[]) => execFileSync('ip', ['netns', 'exec', ns, ...args], { stdio: 'pipe' }).toString();

/** Connects from the client namespace: "connected", "refused" (REJECT) or "timeout" (DROP). */
function connectFromClient(): string {
  const script = `const s = require('node:net').connect({ host: process.argv[1], port: Number(process.argv[2]) });
    s.setTimeout(1500, () => { console.log('timeout'); process.exit(0); });
    s.on('connect', () => { console.log('connected'); process.exit(0); });
    s.on('error', (e) => { console.log(e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET' ? 'refused' : e.code); process.exit(0); });`;
  return inNs(client, process.execPath, '-e', script, serverIp, String(port)).trim();
}

describeAsRoot('network driver (real iptables and tc in network namespaces)', () => {
  let listener: ChildProcess;

  beforeAll(async () => {
    for (const ns of [client, server]) ip('netns', 'add', ns);
    ip('link', 'add', `vc${tag}`, 'type', 'veth', 'peer', 'name', `vs${tag}`);
    ip('link', 'set', `vc${tag}`, 'netns', client);
    ip('link', 'set', `vs${tag}`, 'netns', server);
    ip('-n', client, 'addr', 'add', `${clientIp}/24`, 'dev', `vc${tag}`);
    ip('-n', server, 'addr', 'add', `${serverIp}/24`, 'dev', `vs${tag}`);
    for (const [ns, dev] of [[client, `vc${tag}`], [server, `vs${tag}`]] as const) {
      ip('-n', ns, 'link', 'set', dev, 'up');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
    }
    listener = spawn(
      'ip',
      ['netns', 'exec', server, process.execPath, '-e', `require('node:net').createServer((s) => { s.on('error', () => {}); s.end('ok'); }).listen(${port}, '${serverIp}')`],
      { stdio: 'ignore' },
    );
    await waitFor(() => {
      try {
        return connectFromClient() === 'connected';
      } catch {
        return false;
      }
    }, 'the listener in the server namespace');
  });

  afterAll(() => {
    listener?.kill('SIGKILL');
    for (const ns of [client, server]) {
      try {
        ip('netns', 'del', ns);
      } catch {
        // already gone
      }
    }
  });

  const rulesIn = (ns: string) => inNs(ns, 'iptables', '-S');

  it('partitions a port with REJECT (connection refused) and revert restores it', async () => {
    const context = testContext('partition-1');
    const params = networkDriver.validate({ action: 'partition', netns: server, port, direction: 'ingress', ttl: 600 });
    const injected = await networkDriver.inject(params, context);

    expect(connectFromClient()).toBe('refused');
    expect(rulesIn(server)).toContain('--comment "faultline:partition-1" -j REJECT --reject-with tcp-reset');

    await networkDriver.revert(injected.undo, context);
    expect(connectFromClient()).toBe('connected');
    expect(rulesIn(server)).not.toContain('faultline:');
    const guard = injected.undo.guard as { pid: number };
    await waitFor(() => readStat(guard.pid) === undefined || readStat(guard.pid)?.state === 'Z', 'the TTL guard to be stopped');
  });

  it('blackholes a host with DROP (the connect times out) from the client side, leaving others\' rules alone', async () => {
    // An identical rule without our comment belongs to someone else and must survive the revert.
    inNs(client, 'iptables', '-A', 'OUTPUT', '-d', '192.0.2.1', '-j', 'DROP');
    const context = testContext('blackhole-1');
    const params = networkDriver.validate({ action: 'blackhole', netns: client, host: serverIp, direction: 'egress' });
    const injected = await networkDriver.inject(params, context);

    expect(connectFromClient()).toBe('timeout');
    await networkDriver.revert(injected.undo, context);
    expect(connectFromClient()).toBe('connected');
    expect(rulesIn(client)).toContain('-A OUTPUT -d 192.0.2.1/32 -j DROP');
    // Reverting again (the post step after the engine) is harmless.
    await networkDriver.revert(injected.undo, context);
    expect(context.logs.at(-1)).toBe('network: removed 0 iptables rule(s)');
    inNs(client, 'iptables', '-D', 'OUTPUT', '-d', '192.0.2.1', '-j', 'DROP');
  });

  it('reverts from the record written before inject, which names the same rules', async () => {
    const params = networkDriver.validate({ action: 'blackhole', netns: server, port, ttl: 600 });
    const early = networkDriver.undoBeforeInject!(params, { faultId: 'early-1', owner: 'sre-team' });
    const injected = await networkDriver.inject(params, testContext('early-1'));
    expect(connectFromClient()).toBe('timeout');
    await networkDriver.revert(early, testContext('early-1'));
    expect(connectFromClient()).toBe('connected');
    await networkDriver.revert(injected.undo, testContext('early-1')); // stops the guard
  });

  it('removes every copy when a retried step injected the same fault twice', async () => {
    const params = networkDriver.validate({ action: 'blackhole', netns: server, port, direction: 'ingress', ttl: 600 });
    const first = await networkDriver.inject(params, testContext('twice-1'));
    const second = await networkDriver.inject(params, testContext('twice-1'));
    expect(rulesIn(server).split('faultline:twice-1').length - 1).toBe(2);
    const context = testContext('twice-1');
    await networkDriver.revert(second.undo, context);
    expect(context.logs.at(-1)).toBe('network: removed 2 iptables rule(s)');
    await networkDriver.revert(first.undo, context); // stops the first guard
    expect(connectFromClient()).toBe('connected');
  });

  it('removes the partition by itself when the TTL passes, even if nobody reverts', async () => {
    const params = networkDriver.validate({ action: 'partition', netns: server, port, ttl: 1 });
    await networkDriver.inject(params, testContext('ttl-1'));
    expect(connectFromClient()).toBe('refused');
    await waitFor(() => !rulesIn(server).includes('faultline:ttl-1'), 'the guard to delete the rule');
    expect(connectFromClient()).toBe('connected');
  });

  it('limits bandwidth with a tbf qdisc under our own handle and deletes only that', async () => {
    const context = testContext('bw-1');
    const params = networkDriver.validate({ action: 'bandwidth', netns: client, device: `vc${tag}`, rate: '1mbit' });
    const injected = await networkDriver.inject(params, context);
    expect(inNs(client, 'tc', 'qdisc', 'show', 'dev', `vc${tag}`)).toMatch(/qdisc tbf fa17: root .*rate 1Mbit/);

    await expect(networkDriver.inject(params, testContext('bw-2'))).rejects.toThrow(/already has a root qdisc; refusing to replace it/);
    await networkDriver.revert(injected.undo, context);
    expect(inNs(client, 'tc', 'qdisc', 'show', 'dev', `vc${tag}`)).not.toContain('tbf');
  });

  it('says the kernel lacks netem and points to the toxiproxy driver for latency', async () => {
    const probe = spawn('ip', ['netns', 'exec', client, 'tc', 'qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'delay', '1ms']);
    const netemAvailable = await new Promise((resolve) => probe.on('exit', (code) => resolve(code === 0)));
    if (netemAvailable) {
      inNs(client, 'tc', 'qdisc', 'del', 'dev', 'lo', 'root');
      console.warn('this kernel has netem; the missing-netem message is not exercised');
      return;
    }
    const params = networkDriver.validate({ action: 'latency', netns: client, device: `vc${tag}`, delay: 100 });
    await expect(networkDriver.inject(params, testContext('lat-1'))).rejects.toMatchObject({
      message: expect.stringMatching(/this kernel has no netem qdisc .* "latency" cannot be injected here/),
      hint: expect.stringMatching(/use the "toxiproxy" driver/),
    });
  });

  it('names a namespace that does not exist', async () => {
    const params = networkDriver.validate({ action: 'blackhole', netns: 'flt-missing-ns', port: 80 });
    await expect(networkDriver.inject(params, testContext())).rejects.toThrow(/network namespace "flt-missing-ns" does not exist/);
  });
});

describe('network driver without its tools', () => {
  // A runner whose PATH has nothing on it: exactly what a runner without the package sees.
  const bare: CommandRunner = {
    run: (file, args) => execFileRunner.run(file.startsWith('/') ? file : `/nonexistent/${file}`, args),
  };

  it('names the Debian package when iptables or tc is missing', async () => {
    const driver = createNetworkDriver({ runner: bare });
    await expect(driver.inject(driver.validate({ action: 'blackhole', port: 80 }), testContext())).rejects.toMatchObject({
      message: '"iptables" is not installed on this machine (looked for /nonexistent/iptables)',
      hint: expect.stringContaining('apt-get install -y iptables'),
    });
    await expect(
      driver.inject(driver.validate({ action: 'bandwidth', device: 'eth0', rate: '1mbit' }), testContext()),
    ).rejects.toMatchObject({ hint: expect.stringContaining('apt-get install -y iproute2') });
  });
});

describe('network driver revert after the namespace is gone', () => {
  it('has nothing left to remove, since the rules went with the namespace', async () => {
    const calls: string[][] = [];
    const driver = createNetworkDriver({
      netnsDir: '/nonexistent/netns',
      runner: {
        run: async (file, args) => {
          calls.push([file, ...args]);
          return { exitCode: 0, stdout: '', stderr: '' };
        },
      },
    });
    const params = driver.validate({ action: 'partition', netns: 'deleted-ns', port: 80 });
    const context = testContext('gone-1');
    await driver.revert(driver.undoBeforeInject!(params, context), context);
    expect(calls).toEqual([]);
    expect(context.logs).toEqual(['network: namespace deleted-ns no longer exists; nothing left to remove']);
  });
});

describe('network driver arguments', () => {
  it.each([
    [{ action: 'partition' }, /argument "host" or "port" is required/],
    [{ action: 'partition', host: 'db.internal' }, /argument "host" must be an IP address or CIDR/],
    [{ action: 'partition', host: '10.0.0.0/33' }, /argument "host" must be an IP address or CIDR/],
    [{ action: 'partition', port: 70_000 }, /argument "port" must be an integer from 1 to 65535/],
    [{ action: 'partition', port: 80, protocol: 'all' }, /argument "protocol" must be tcp or udp when "port" is given/],
    [{ action: 'blackhole', port: 80, rate: '1mbit' }, /argument "rate" cannot be used with action "blackhole"/],
    [{ action: 'bandwidth', device: 'eth0' }, /argument "rate" is required/],
    [{ action: 'bandwidth', device: 'eth0', rate: 'fast' }, /argument "rate" must be a tc rate like "1mbit"/],
    [{ action: 'bandwidth', rate: '1mbit' }, /argument "device" is required/],
    [{ action: 'latency', device: 'eth0' }, /argument "delay" is required for action "latency"/],
    [{ action: 'partition', port: 80, netns: 'a b' }, /argument "netns" must be a network namespace name/],
    [{ action: 'jam', port: 80 }, /argument "action" must be one of partition, blackhole, bandwidth, latency, loss, got "jam"/],
  ])('rejects %j naming the argument', (args, message) => {
    expect(() => networkDriver.validate(args)).toThrow(message);
  });

  it('plans rules for both directions by default, tagged with the fault id', () => {
    const params = networkDriver.validate({ action: 'blackhole', host: '10.1.2.3', port: 5432 });
    expect(networkDriver.plan(params)).toMatchObject({
      action: 'blackhole (iptables DROP)',
      target: '10.1.2.3, port tcp/5432 (both) on the host',
      ttlSeconds: 60,
    });
  });
});
