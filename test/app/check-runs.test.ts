import { annotationsId, type CheckAnnotation, type CheckApi, MAX_SUMMARY, publishCheckRun } from '../../app/check-runs.ts';

interface Call {
  route: string;
  params: Record<string, unknown>;
}

function fakeChecks(existing: { id: number; name: string }[] = []) {
  const calls: Call[] = [];
  const api: CheckApi = {
    async request(route, params) {
      calls.push({ route, params });
      if (route.startsWith('GET')) return { data: { total_count: existing.length, check_runs: existing } };
      if (route.startsWith('POST')) return { data: { id: 555 } };
      return { data: {} };
    },
  };
  return { api, calls };
}

const repo = { owner: 'acme', repo: 'shop' };
const sha = 'a'.repeat(40);
const annotation = (line: number): CheckAnnotation => ({
  path: 'db/V2__idx.sql',
  start_line: line,
  end_line: line,
  annotation_level: 'failure',
  message: 'CREATE INDEX blocks writes',
});

describe('publishing a check run', () => {
  it('creates the named run on the head commit when none exists, with a Re-run action', async () => {
    const { api, calls } = fakeChecks();
    const id = await publishCheckRun(api, repo, 42, {
      name: 'faultline/migrations',
      head_sha: sha,
      status: 'completed',
      conclusion: 'failure',
      title: '1 error',
      summary: 'one blocking finding',
    });
    expect(id).toBe(555);
    expect(calls[0]).toMatchObject({ route: 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs', params: { check_name: 'faultline/migrations', app_id: 42 } });
    expect(calls[1]!.params).toMatchObject({
      name: 'faultline/migrations',
      head_sha: sha,
      conclusion: 'failure',
      actions: [{ identifier: 'rerun', label: 'Re-run' }],
    });
  });

  it('sends annotations 50 per request, the rest appended by updates', async () => {
    const { api, calls } = fakeChecks();
    const annotations = Array.from({ length: 120 }, (_, i) => annotation(i + 1));
    await publishCheckRun(api, repo, 42, { name: 'faultline/migrations', head_sha: sha, status: 'completed', conclusion: 'failure', title: 't', summary: 's', annotations });
    const sent = calls.filter((c) => !c.route.startsWith('GET')).map((c) => (c.params.output as { annotations?: unknown[] }).annotations?.length);
    expect(sent).toEqual([50, 50, 20]);
  });

  it('updates the newest run of the name and marks older duplicates superseded', async () => {
    const { api, calls } = fakeChecks([
      { id: 10, name: 'faultline/chaos' },
      { id: 12, name: 'faultline/chaos' },
    ]);
    const id = await publishCheckRun(api, repo, 42, { name: 'faultline/chaos', head_sha: sha, status: 'in_progress', title: 'running', summary: 'waiting for results' });
    expect(id).toBe(12);
    expect(calls.filter((c) => c.route.startsWith('POST'))).toHaveLength(0);
    expect(calls[1]!.params).toMatchObject({ check_run_id: 12, status: 'in_progress' });
    expect(calls[1]!.params).not.toHaveProperty('conclusion');
    expect(calls[2]!.params).toMatchObject({ check_run_id: 10, conclusion: 'skipped' });
  });

  it('keeps the summary within GitHub limits', async () => {
    const { api, calls } = fakeChecks();
    await publishCheckRun(api, repo, 42, { name: 'faultline/slo-budget', head_sha: sha, status: 'completed', conclusion: 'success', title: 't'.repeat(300), summary: 'x'.repeat(70_000) });
    const out = calls[1]!.params.output as { title: string; summary: string };
    expect(out.summary.length).toBe(MAX_SUMMARY);
    expect(out.summary).toContain('truncated');
    expect(out.title.length).toBeLessThanOrEqual(255);
  });
});

describe('annotations are sent once per check run', () => {
  const findings = [annotation(1), annotation(2), annotation(3)];
  const report = (annotations: CheckAnnotation[]) => ({ name: 'faultline/migrations', head_sha: sha, status: 'completed' as const, conclusion: 'failure' as const, title: 't', summary: 's', annotations });

  it('sends none again when a re-evaluation finds the same annotations on the run', async () => {
    const { api, calls } = fakeChecks([{ id: 20, name: 'faultline/migrations', external_id: annotationsId(findings), output: { annotations_count: 3 } } as never]);
    await publishCheckRun(api, repo, 42, report(findings));
    const updates = calls.filter((c) => c.route.startsWith('PATCH'));
    expect(updates).toHaveLength(1);
    expect(updates[0]!.params).toMatchObject({ check_run_id: 20, conclusion: 'failure' });
    expect((updates[0]!.params.output as { annotations?: unknown[] }).annotations).toBeUndefined();
  });

  it('adds annotations to a run that has none yet, and records which set it carries', async () => {
    const { api, calls } = fakeChecks([{ id: 21, name: 'faultline/migrations', external_id: annotationsId([]), output: { annotations_count: 0 } } as never]);
    await publishCheckRun(api, repo, 42, report(findings));
    const [update] = calls.filter((c) => c.route.startsWith('PATCH'));
    expect(update!.params).toMatchObject({ check_run_id: 21, external_id: annotationsId(findings) });
    expect((update!.params.output as { annotations: unknown[] }).annotations).toHaveLength(3);
  });

  it('puts a different set on a new run (annotations cannot be removed) and supersedes the old one', async () => {
    const { api, calls } = fakeChecks([{ id: 22, name: 'faultline/migrations', external_id: annotationsId(findings), output: { annotations_count: 3 } } as never]);
    const id = await publishCheckRun(api, repo, 42, report([annotation(9)]));
    expect(id).toBe(555);
    const created = calls.find((c) => c.route.startsWith('POST'))!;
    expect((created.params.output as { annotations: unknown[] }).annotations).toHaveLength(1);
    expect(calls.find((c) => c.route.startsWith('PATCH'))!.params).toMatchObject({ check_run_id: 22, conclusion: 'skipped' });
  });
});
