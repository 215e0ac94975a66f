import { renderFailureMarkdown } from '../../../core/report/failure-markdown.ts';

describe('the job summary of a step that could not decide', () => {
  it('lists each problem at its file and line, with what to do', () => {
    const markdown = renderFailureMarkdown({
      action: 'chaos-inject',
      headline: 'invalid experiment (2 problems):',
      problems: [
        { file: 'chaos/a.yaml', line: 7, column: 34, message: 'method[0].provider.driver: unknown driver "x"' },
        { file: 'chaos/a.yaml', line: 9, message: 'pauses.after: must be a number' },
      ],
      hint: 'see docs/chaos.md',
    });
    expect(markdown).toContain('### ❌ chaos-inject: could not decide');
    expect(markdown).toContain('invalid experiment \\(2 problems\\)\n');
    expect(markdown).toContain('| `chaos/a.yaml:7:34` | method\\[0\\].provider.driver: unknown driver "x" |');
    expect(markdown).toContain('| `chaos/a.yaml:9` | pauses.after: must be a number |');
    expect(markdown).toContain('**What to do:** see docs/chaos.md');
  });

  it('shows an error without places as its text, fenced', () => {
    const markdown = renderFailureMarkdown({ action: 'slo-gate', headline: 'Prometheus refused the connection', problems: [], detail: 'second line ```' });
    expect(markdown).toContain('```text\nsecond line \'\'\'\n```');
  });

  it('keeps text from a pull request from adding links, mentions or table cells', () => {
    const markdown = renderFailureMarkdown({
      action: 'slo-gate',
      headline: 'invalid SLO spec (1 problem):',
      problems: [{ file: 'a`|b.yaml', line: 1, message: '@admin [x](https://evil.example) | <img src=x>' }],
    });
    expect(markdown).not.toContain('@admin');
    expect(markdown).not.toContain('](https://');
    expect(markdown).not.toMatch(/(?<!\\)<img/);
    const row = markdown.split('\n').find((line) => line.includes('admin'))!;
    expect(row.match(/(?<!\\)\|/g)).toHaveLength(3);
  });
});
