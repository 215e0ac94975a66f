import { readFileSync } from 'node:fs';
import configSchema from '../../policy/schemas/config.schema.json' with { type: 'json' };
import { CONFIG_PAGE, renderConfigDocs } from '../../scripts/generate-config-docs.ts';

describe('the generated config reference (docs/config.md)', () => {
  it('is current: it equals what the config schema generates', () => {
    // On failure: node scripts/generate-config-docs.ts, then commit docs/config.md.
    expect(readFileSync(CONFIG_PAGE, 'utf8')).toBe(renderConfigDocs());
  });

  it('has a section for every top-level key and a row for every key of each section', () => {
    const page = renderConfigDocs();
    for (const section of Object.keys(configSchema.properties)) expect(page).toContain(`## \`${section}\``);
    for (const key of Object.keys(configSchema.$defs.migrations.properties)) expect(page).toContain(`| \`migrations.${key}\` |`);
    for (const key of Object.keys(configSchema.$defs.chaos.properties)) expect(page).toContain(`| \`chaos.${key}\` |`);
    expect(page).toContain('| `slo.burn-rate-window` | `"5m"`, `"30m"`, `"1h"`, `"2h"`, `"6h"`, `"1d"`, `"3d"` | `"1h"` |');
  });

  it('tells editors where the schema is, with the yaml-language-server comment', () => {
    expect(renderConfigDocs()).toContain('# yaml-language-server: $schema=https://raw.githubusercontent.com/<owner>/faultline/v1/policy/schemas/config.schema.json');
  });
});
