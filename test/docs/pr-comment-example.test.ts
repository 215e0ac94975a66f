/**
 * docs/pr-comment-example.md (linked from the README as what lands on a pull request) is the
 * app's renderers' output for its example pull request, so it never shows a comment the app no
 * longer posts.
 */
import { readFileSync } from 'node:fs';
import { prCommentExample } from '../../scripts/pr-comment-example.ts';

const PAGE = new URL('../../docs/pr-comment-example.md', import.meta.url).pathname;

it("docs/pr-comment-example.md is what the app's renderers produce (node scripts/pr-comment-example.ts rewrites it)", () => {
  const page = readFileSync(PAGE, 'utf8');
  expect(page).toBe(prCommentExample());
  // The rendered comment and its source both hold the verdicts.
  expect(page.match(/\| `faultline\/migrations` \| ❌ failure \|/g)).toHaveLength(2);
});
