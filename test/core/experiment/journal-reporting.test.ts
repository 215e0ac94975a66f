/**
 * Journals stay loadable by chaostoolkit-reporting (`chaos report`): every field its template
 * (chaosreport/template/index.md) and its loader (chaosreport/__init__.py) read is there, with
 * the type they expect (chaostoolkit/chaostoolkit-reporting at bd5a653e57f03f287ccd129f4a1908405bcf6a5c).
 */
import type { Journal } from '../../../core/experiment/journal.ts';
import { runText } from './harness.ts';

const SEMVER = /^\d+\.\d+\.\d+$/;

describe('a journal as chaostoolkit-reporting reads it', () => {
  it('has every field of the report template', async () => {
    const ran = await runText(`title: report me
description: a run for the report
tags: [owner:sre]
contributions: { reliability: high }
steady-state-hypothesis:
  title: it answers
  probes:
    - type: probe
      name: answers
      provider: { type: process, path: "true" }
      tolerance: 0
method:
  - type: action
    name: poke
    provider: { type: process, path: "true", arguments: [] }
    pauses: { after: 0 }
  - ref: answers
`);
    try {
      // As the report reads it: the JSON file, not our in-memory object.
      const journal = JSON.parse(JSON.stringify(ran.journal)) as Journal;
      // __init__.py: journal["chaoslib-version"] picks the template (semver), journal["duration"] feeds timedelta.
      expect(journal['chaoslib-version']).toMatch(SEMVER);
      expect(typeof journal.duration).toBe('number');
      for (const key of ['start', 'end', 'status', 'node', 'platform'] as const) expect(typeof journal[key]).toBe('string');
      // count_activities walks experiment.method, resolving refs by name.
      expect(journal.experiment).toMatchObject({ title: 'report me', description: 'a run for the report', tags: ['owner:sre'], contributions: { reliability: 'high' } });
      for (const activity of journal.experiment.method) expect((activity as { type?: string }).type ?? (activity as { ref?: string }).ref).toBeDefined();
      expect(journal.experiment['steady-state-hypothesis']?.title).toBe('it answers');
      for (const phase of ['before', 'after'] as const) {
        const state = journal.steady_states[phase]!;
        expect(typeof state.steady_state_met).toBe('boolean');
        for (const probe of state.probes) {
          expect(typeof probe.activity.name).toBe('string');
          expect(typeof probe.tolerance_met).toBe('boolean');
        }
      }
      expect(journal.run.length).toBeGreaterThan(0);
      for (const item of journal.run) {
        expect(item.activity).toMatchObject({ name: expect.any(String), type: expect.stringMatching(/^(action|probe)$/) });
        expect(typeof item.activity.provider.type).toBe('string');
        if (item.activity.provider.type === 'process') expect(typeof item.activity.provider.path).toBe('string');
        expect(['succeeded', 'failed']).toContain(item.status);
        expect(Number.isNaN(Date.parse(item.start))).toBe(false);
        expect(Number.isNaN(Date.parse(item.end))).toBe(false);
        expect('output' in item || 'exception' in item).toBe(true);
      }
    } finally {
      ran.cleanup();
    }
  });
});
