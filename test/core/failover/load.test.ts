/** k6 summaries in both formats k6 writes, and what a missing or foreign file gives. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readK6Summary } from '../../../core/failover/load.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-k6-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('k6 summary', () => {
  it('reads --summary-export (trend keys at the top, rate as value)', () => {
    const path = file('export.json', {
      metrics: {
        http_req_duration: { avg: 12.1, min: 1, med: 10, max: 900.5, 'p(90)': 30.2, 'p(95)': 41.75 },
        http_req_failed: { passes: 12, fails: 988, value: 0.012 },
        http_reqs: { count: 1000, rate: 99.8 },
      },
    });
    expect(readK6Summary(path)).toEqual({ p95Ms: 41.75, errorRate: 0.012, requests: 1000 });
  });

  it('reads handleSummary JSON (figures under values)', () => {
    const path = file('handle.json', {
      metrics: {
        http_req_duration: { type: 'trend', contains: 'time', values: { 'p(95)': 88.2, avg: 20 } },
        http_req_failed: { type: 'rate', contains: 'default', values: { rate: 0.5, passes: 5, fails: 5 } },
        http_reqs: { type: 'counter', values: { count: 10, rate: 1 } },
      },
    });
    expect(readK6Summary(path)).toEqual({ p95Ms: 88.2, errorRate: 0.5, requests: 10 });
  });

  it('says why when the file is missing, not JSON, or not a k6 summary', () => {
    expect(readK6Summary(join(dir, 'none.json')).summaryError).toMatch(/was not written/);
    expect(readK6Summary(file('bad.json', '{')).summaryError).toMatch(/is not JSON/);
    expect(readK6Summary(file('other.json', { data: 1 })).summaryError).toMatch(/has no "metrics"/);
  });
});
