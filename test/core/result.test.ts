import { createResult, validateResult } from '../../core/result.ts';

describe('result file v1', () => {
  const base = {
    kind: 'migrations' as const,
    name: 'migration-gate',
    verdict: 'fail' as const,
    startedAt: new Date('2026-01-01T00:00:00Z'),
    finishedAt: new Date('2026-01-01T00:00:01.5Z'),
  };

  it('is valid when built by createResult, with duration and tool filled in', () => {
    const result = createResult({
      ...base,
      findings: [{ rule: 'drop-table', severity: 'error', message: 'drops data', path: 'a.sql', line: 3, column: 1 }],
    });
    expect(validateResult(result)).toEqual([]);
    expect(result.durationMs).toBe(1500);
    expect(result.tool.name).toBe('faultline');
  });

  it('names the key of every problem in an untrusted file', () => {
    const problems = validateResult({ version: 2, kind: 'chaos', verdict: 'maybe', extra: true });
    expect(problems).toEqual(
      expect.arrayContaining([
        'version: must be equal to constant',
        'verdict: must be one of "pass", "fail", "neutral", "error"',
        'extra: unknown key "extra"',
        '(top level): missing required key "name"',
      ]),
    );
  });
});
