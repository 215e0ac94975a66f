/**
 * Dual control against a user with write access who tries to pass a gate alone: by editing
 * comments, by approving a request that changes afterwards, or by an approval that names nothing.
 */
import { type CommandComment, evaluateOverrides, type Permission } from '../../../core/gates/overrides.ts';

let nextId = 100;
const at = (minute: number) => `2026-11-25T10:${String(minute).padStart(2, '0')}:00Z`;
function comment(author: string, body: string, minute: number): CommandComment {
  return { id: nextId++, author, body, authorIsBot: false, createdAt: at(minute), updatedAt: at(minute) };
}
function edit(original: CommandComment, body: string, minute: number): CommandComment {
  return { ...original, body, updatedAt: at(minute) };
}
const permissions = new Map<string, Permission>([
  ['alice', 'write'],
  ['bob', 'write'],
]);

describe('edited comments carry no command', () => {
  it('voids an approval once the request is edited to say something else', () => {
    const request = comment('alice', '/faultline override migrations drops an unused column', 1);
    const approval = comment('bob', '/faultline approve migrations', 2);
    const before = evaluateOverrides([request, approval], permissions);
    expect(before.active.migrations?.approvedBy).toBe('bob');

    const after = evaluateOverrides([edit(request, '/faultline override migrations drops the orders table', 3), approval], permissions);
    expect(after.active).toEqual({});
    expect(after.pending).toEqual({});
    expect(after.refused[0]?.problem).toContain('was edited');
  });

  it('ignores a comment edited to add a command, neither old nor new text counting', () => {
    const request = comment('alice', '/faultline override chaos staging is down', 1);
    const edited = edit(comment('bob', 'LGTM', 2), '/faultline approve chaos', 4);
    const state = evaluateOverrides([request, edited], permissions);
    expect(state.active).toEqual({});
    expect(state.pending.chaos?.requestedBy).toBe('alice');
  });

  it('ignores an approval whose own comment was edited', () => {
    const request = comment('alice', '/faultline override chaos staging is down', 1);
    const approval = comment('bob', '/faultline approve chaos', 2);
    expect(evaluateOverrides([request, edit(approval, '/faultline approve chaos (edited typo)', 3)], permissions).active).toEqual({});
  });

  it('counts a command re-issued in a new comment', () => {
    const request = edit(comment('alice', '/faultline override chaos staging is down', 1), '/faultline override chaos staging down', 2);
    const again = comment('alice', '/faultline override chaos staging down', 3);
    const state = evaluateOverrides([request, again, comment('bob', `/faultline approve #${again.id}`, 4)], permissions);
    expect(state.active.chaos).toMatchObject({ requestedBy: 'alice', approvedBy: 'bob', commentId: again.id });
  });
});

describe('an approval names or quotes the request it approves', () => {
  it('refuses a bare approval that names nothing', () => {
    const state = evaluateOverrides([comment('alice', '/faultline override chaos flaky', 1), comment('bob', '/faultline approve', 2)], permissions);
    expect(state.active).toEqual({});
    expect(state.refused[0]?.problem).toContain('name what you approve');
  });

  it('approves the request it quotes, and not one that was replaced after the quote was written', () => {
    const first = comment('alice', '/faultline override chaos flaky target', 1);
    const quoting = comment('bob', '> /faultline override chaos flaky target\n\n/faultline approve', 2);
    expect(evaluateOverrides([first, quoting], permissions).active.chaos?.approvedBy).toBe('bob');

    const replaced = comment('alice', '/faultline override chaos anything goes', 2);
    const lateQuote = comment('bob', '> /faultline override chaos flaky target\n\n/faultline approve', 3);
    const state = evaluateOverrides([first, replaced, lateQuote], permissions);
    expect(state.active).toEqual({});
    expect(state.refused[0]?.problem).toContain('not pending as quoted');
  });

  it('refuses an approval by comment id once that request was replaced', () => {
    const first = comment('alice', '/faultline override migrations reviewed by DBA', 1);
    const second = comment('alice', '/faultline override migrations something else', 2);
    const state = evaluateOverrides([first, second, comment('bob', `/faultline approve #${first.id}`, 3)], permissions);
    expect(state.active).toEqual({});
    expect(state.pending.migrations?.commentId).toBe(second.id);
  });
});
