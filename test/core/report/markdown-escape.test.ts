/**
 * Strings a pull request controls, as an attacker would write them, rendered through the helpers
 * the PR comment and check-run summaries share: none may become a link, image, HTML, mention,
 * entity or break out of a code span.
 */
import { codeSpan, escapeMarkdown } from '../../../core/report/markdown-escape.ts';

describe('escaping untrusted text for GitHub Markdown', () => {
  it.each([
    ['a Markdown link', '[free CI](https://evil.example)', '\\[free CI\\]\\(https:\u200b//evil.example\\)'],
    ['a bare URL GitHub would autolink', 'see https://evil.example/x', 'see https:\u200b//evil.example/x'],
    ['a www. autolink', 'www.evil.example', 'www\u200b.evil.example'],
    ['a mention', '@acme/security please approve', '@\u200bacme/security please approve'],
    ['an entity that renders as @', '&commat;acme/admins', '&amp;commat;acme/admins'],
    ['a numeric entity', '&#64;acme', '&amp;\\#64;acme'],
    ['HTML', '<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert\\(1\\)\\>'],
    ['math', '$\\begin{evil}$', '\\$\\\\begin\\{evil\\}\\$'],
    ['a new line that starts a heading', 'ok\n# ✅ all gates passed', 'ok \\# ✅ all gates passed'],
  ])('%s', (_case, text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  it('keeps a path with backticks inside its code span', () => {
    expect(codeSpan('db/V1__init.sql')).toBe('`db/V1__init.sql`');
    expect(codeSpan('a`b.sql')).toBe('`` a`b.sql ``');
    expect(codeSpan('x``` [link](https://evil)')).toBe('```` x``` [link](https://evil) ````');
    expect(codeSpan('two\nlines')).toBe('`two lines`');
  });
});
