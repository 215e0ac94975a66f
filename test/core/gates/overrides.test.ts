import { parseCommands } from '../../../core/gates/commands.ts';
import { type CommandComment, evaluateOverrides, type Permission } from '../../../core/gates/overrides.ts';

let nextId = 1;
function comment(author: string, body: string, minute: number, authorIsBot = false): CommandComment {
  const createdAt = `2026-11-25T10:${String(minute).padStart(2, '0')}:00Z`;
  return { id: nextId++, author, body, authorIsBot, createdAt, updatedAt: createdAt };
}
const permissions = new Map<string, Permission>([
  ['alice', 'write'],
  ['bob', 'maintain'],
  ['mallory', 'read'],
]);

describe('PR comment commands', () => {
  it('reads one command per line and ignores quoted or fenced text', () => {
    const body = [
      'Deploying a hotfix.',
      '/faultline override chaos staging cluster is down, see INC-42',
      '> /faultline approve',
      '```',
      '/faultline approve',
      '```',
      '/faultline rerun',
    ].join('\n');
    expect(parseCommands(body)).toEqual([
      { kind: 'override', gate: 'chaos', reason: 'staging cluster is down, see INC-42' },
      { kind: 'rerun' },
    ]);
  });

  it('accepts the check-run name as the gate and refuses an override without a reason', () => {
    expect(parseCommands('/faultline override faultline/migrations vetted by DBA')[0]).toEqual({
      kind: 'override',
      gate: 'migrations',
      reason: 'vetted by DBA',
    });
    expect(parseCommands('/faultline override migrations')[0]).toMatchObject({ kind: 'invalid' });
    expect(parseCommands('/faultline override nope because')[0]).toMatchObject({ kind: 'invalid' });
  });
});

describe('dual control of overrides', () => {
  it('activates an override only after a different person with write access approves it', () => {
    const state = evaluateOverrides(
      [comment('alice', '/faultline override slo-budget fixing the outage itself', 1), comment('bob', '/faultline approve slo-budget', 2)],
      permissions,
    );
    expect(state.active['slo-budget']).toMatchObject({ requestedBy: 'alice', approvedBy: 'bob', reason: 'fixing the outage itself' });
    expect(state.pending).toEqual({});
  });

  it('refuses a self-approval and leaves the request pending', () => {
    const state = evaluateOverrides(
      [comment('alice', '/faultline override chaos flaky target', 1), comment('alice', '/faultline approve chaos', 2)],
      permissions,
    );
    expect(state.active).toEqual({});
    expect(state.pending.chaos).toMatchObject({ requestedBy: 'alice' });
    expect(state.refused).toEqual([expect.objectContaining({ author: 'alice', problem: expect.stringContaining('second person') })]);
  });

  it('ignores requests and approvals from people without write access and from bots', () => {
    const state = evaluateOverrides(
      [
        comment('mallory', '/faultline override migrations trust me', 1),
        comment('alice', '/faultline override migrations reviewed', 2),
        comment('mallory', '/faultline approve', 3),
        comment('faultline[bot]', '/faultline approve', 4, true),
      ],
      permissions,
    );
    expect(state.active).toEqual({});
    expect(state.pending.migrations?.requestedBy).toBe('alice');
    expect(state.refused.map((r) => r.author)).toEqual(['mallory', 'mallory']);
  });

  it('needs a fresh approval when the request is replaced, and ends on revoke', () => {
    const replaced = evaluateOverrides(
      [
        comment('alice', '/faultline override chaos reason one', 1),
        comment('bob', '/faultline approve chaos', 2),
        comment('alice', '/faultline override chaos a different reason', 3),
      ],
      permissions,
    );
    expect(replaced.active.chaos).toBeUndefined();
    expect(replaced.pending.chaos?.reason).toBe('a different reason');

    const revoked = evaluateOverrides(
      [comment('alice', '/faultline override chaos r', 1), comment('bob', '/faultline approve chaos', 2), comment('bob', '/faultline revoke chaos', 3)],
      permissions,
    );
    expect(revoked.active).toEqual({});
  });

  it('replays comments in time order whatever order the API returned them in', () => {
    const approve = comment('bob', '/faultline approve chaos', 5);
    const request = comment('alice', '/faultline override chaos r', 4);
    expect(evaluateOverrides([approve, request], permissions).active.chaos?.approvedBy).toBe('bob');
  });
});
