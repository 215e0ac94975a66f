/**
 * Evidence links are drawn from trusted results, yet every field is still checked and escaped: a
 * result that names a non-https or credentialed URL, a malformed digest or bucket, or Markdown in
 * its name, produces no link and no live Markdown.
 */
import { evidenceLine, evidenceLinksOf, evidenceOfRuns } from '../../../core/report/evidence-links.ts';
import { createResult } from '../../../core/result.ts';

const at = new Date('2026-12-07T10:00:00Z');
const HOSTILE = '[verify here](https://evil.example) <img src=x> @acme/admins';

function evidence(details: Record<string, unknown>, links: { name: string; url: string }[] = [], name = 'drill', runId = '9') {
  return { ...createResult({ kind: 'evidence', name, verdict: 'pass', startedAt: at, finishedAt: at, details, links }), source: { runId, sha: 'a'.repeat(40) } };
}

describe('evidence links', () => {
  it('links nothing a result cannot back with the right shape', () => {
    const [link] = evidenceLinksOf([
      evidence(
        {
          digest: 'sha256:not-hex',
          s3: { bucket: 'Bad_Bucket', manifest: { key: 'm.json', versionId: 'v1' } },
          artifact: { name: 'drill', url: 'javascript:alert(1)', retentionDays: -1 },
        },
        [{ name: 'attestation', url: 'https://user:pass@evil.example/x' }],
        HOSTILE,
      ),
    ]);
    expect(link).toEqual({ name: HOSTILE, verdict: 'pass', runId: '9', artifact: { name: 'drill' } });
    const line = evidenceLine(link!);
    expect(line).not.toMatch(/(?<!\\)\[verify here\]/);
    expect(line).not.toContain('https://evil.example');
    expect(line).not.toMatch(/(?<!\\)<img/);
    expect(line).not.toContain('@acme/admins');
    expect(line).not.toContain('javascript:');
    expect(line).toContain('artifact `drill`');
  });

  it('keeps an https link from closing the Markdown link early', () => {
    const [link] = evidenceLinksOf([evidence({ digest: `sha256:${'0'.repeat(64)}` }, [{ name: 'attestation', url: 'https://github.com/a/b/attestations/1)](https://evil.example' }])]);
    expect(evidenceLine(link!)).toContain('[attestation](https://github.com/a/b/attestations/1%29%5D%28https://evil.example)');
  });

  it('gives a gate the evidence of the runs behind its results only', () => {
    const links = evidenceLinksOf([evidence({ digest: `sha256:${'1'.repeat(64)}` }, [], 'a', '9'), evidence({ digest: `sha256:${'2'.repeat(64)}` }, [], 'b', '10')]);
    const gateResult = { ...createResult({ kind: 'migrations', name: 'm', verdict: 'pass', startedAt: at, finishedAt: at }), source: { runId: '10' } };
    expect(evidenceOfRuns(links, [gateResult]).map((l) => l.name)).toEqual(['b']);
    expect(evidenceOfRuns(links, [])).toEqual([]);
  });
});
