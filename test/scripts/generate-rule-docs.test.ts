import { readFileSync } from 'node:fs';
import { allRules, engineRules, shadowRules } from '../../core/migrations/rules/index.ts';
import { currentRuleDocs, RULES_PAGE, renderRuleDocs } from '../../scripts/generate-rule-docs.ts';

describe('the generated rules page', () => {
  it('is current: docs/migrations/rules.md equals what the registry generates', () => {
    // On failure: node scripts/generate-rule-docs.ts, then commit docs/migrations/rules.md.
    expect(readFileSync(RULES_PAGE, 'utf8')).toBe(currentRuleDocs());
  });

  it('has a section for every rule id in the registry, with its summary and explanation', () => {
    const page = currentRuleDocs();
    for (const rule of [...allRules, ...engineRules, ...shadowRules]) {
      expect(page).toContain(`### \`${rule.id}\`\n\n**${rule.summary}.**`);
      expect(page).toContain(rule.description);
      expect(page).toContain(`| [\`${rule.id}\`](#${rule.id}) | ${rule.defaultSeverity} |`);
    }
  });

  it('documents the shadow run\'s rule ids in their own section', () => {
    const page = currentRuleDocs();
    const section = page.slice(page.indexOf('## Shadow run'));
    expect(section).not.toBe(page);
    for (const id of ['shadow-statement-failed', 'shadow-table-rewrite', 'shadow-access-exclusive', 'shadow-blocks-writes']) {
      expect(section).toContain(`### \`${id}\``);
    }
  });

  it('escapes pipes in summaries so the index table keeps its columns', () => {
    const page = renderRuleDocs(
      [{ id: 'x', defaultSeverity: 'warning', summary: 'a || b', description: 'd' }],
      [],
    );
    expect(page).toContain('| [`x`](#x) | warning | a \\|\\| b |');
  });
});
