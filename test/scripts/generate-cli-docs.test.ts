import { readFileSync } from 'node:fs';
import { CLI_PAGE, renderCliPage } from '../../scripts/generate-cli-docs.ts';

describe('docs/cli.md', () => {
  it("is the current commands' help text (regenerate with node scripts/generate-cli-docs.ts)", async () => {
    expect(readFileSync(CLI_PAGE, 'utf8')).toBe(await renderCliPage());
  });
});
