/**
 * A command counts only where it reads as one on the rendered page. Each case is a way a comment
 * can carry `/faultline …` text that is not a command of its author's.
 */
import { parseCommands, quotedOverrides } from '../../../core/gates/commands.ts';

const approve = '/faultline approve migrations';

describe('text that does not count as a command', () => {
  it.each([
    ['a backtick fence', ['```', approve, '```']],
    ['a tilde fence', ['~~~', approve, '~~~']],
    ['a longer fence that a shorter marker does not close', ['````', '```', approve, '````']],
    ['a tilde fence not closed by backticks', ['~~~', '```', approve, '~~~']],
    ['an unclosed fence', ['```sh', approve]],
    ['indented code', ['Run this:', '', `    ${approve}`]],
    ['a tab-indented line', [`\t${approve}`]],
    ['a block quote', [`> ${approve}`]],
    ['a nested block quote', [`> > ${approve}`]],
    ['the lazy continuation of a block quote', ['> as discussed', approve]],
    ['an HTML comment on one line', [`<!-- ${approve} -->`]],
    ['an HTML comment over several lines', ['<!--', approve, '-->']],
    ['an unclosed HTML comment', ['<!--', approve]],
  ])('inside %s', (_case, lines) => {
    expect(parseCommands(lines.join('\n'))).toEqual([]);
  });

  it('counts a command after a fence closes, after a quote ends and after a comment', () => {
    const body = ['```', '/faultline rerun', '```', '> quoted', '', approve, '<!-- hidden -->', '/faultline revoke chaos'].join('\r\n');
    expect(parseCommands(body)).toEqual([
      { kind: 'approve', gate: 'migrations' },
      { kind: 'revoke', gate: 'chaos' },
    ]);
  });

  it('counts a command indented by up to three spaces', () => {
    expect(parseCommands(`   ${approve}`)).toEqual([{ kind: 'approve', gate: 'migrations' }]);
  });
});

describe('approvals name what they approve', () => {
  it('accepts a gate, a comment id or a comment URL', () => {
    expect(parseCommands('/faultline approve faultline/chaos')).toEqual([{ kind: 'approve', gate: 'chaos' }]);
    expect(parseCommands('/faultline approve #1234')).toEqual([{ kind: 'approve', commentId: 1234 }]);
    expect(parseCommands('/faultline approve https://github.com/acme/shop/pull/7#issuecomment-987')).toEqual([{ kind: 'approve', commentId: 987 }]);
    expect(parseCommands('/faultline approve everything')[0]).toMatchObject({ kind: 'invalid' });
  });

  it('reads the override requests a comment quotes, and only those', () => {
    const body = ['> /faultline override chaos staging is down', '', '/faultline approve', '/faultline override migrations not quoted'].join('\n');
    expect(quotedOverrides(body)).toEqual([{ kind: 'override', gate: 'chaos', reason: 'staging is down' }]);
  });
});

describe('the security gate in commands', () => {
  it('can be overridden, approved and revoked like the other gates', () => {
    expect(parseCommands('/faultline override security CVE has no fix yet, tracked in SEC-12')).toEqual([{ kind: 'override', gate: 'security', reason: 'CVE has no fix yet, tracked in SEC-12' }]);
    expect(parseCommands('/faultline approve faultline/security')).toEqual([{ kind: 'approve', gate: 'security' }]);
    expect(parseCommands('/faultline revoke security')).toEqual([{ kind: 'revoke', gate: 'security' }]);
  });
});
