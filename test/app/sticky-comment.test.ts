import {
  COMMENT_MARKER,
  type CommentApi,
  MAX_COMMENT_LENGTH,
  upsertStickyComment,
  withMarker,
} from '../../app/sticky-comment.ts';

interface StoredComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

/**
 * An in-memory issue-comments API that yields between calls, so two replicas interleave the way
 * concurrent webhook handlers do. Route names are GitHub's own.
 */
function fakeIssue(initial: StoredComment[] = []) {
  const comments = [...initial];
  let nextId = 1000;
  const calls: string[] = [];
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  const api = (login: string): CommentApi => ({
    async paginate<T>(route: string) {
      calls.push(route);
      await tick();
      return comments.map((c) => ({ ...c })) as T[];
    },
    async request(route: string, params: Record<string, unknown>) {
      calls.push(route);
      await tick();
      if (route.startsWith('POST')) {
        comments.push({ id: nextId++, body: String(params.body), user: { login, type: 'Bot' } });
      } else if (route.startsWith('PATCH')) {
        const found = comments.find((c) => c.id === params.comment_id);
        if (!found) throw Object.assign(new Error('Not Found'), { status: 404 });
        found.body = String(params.body);
      } else if (route.startsWith('DELETE')) {
        const index = comments.findIndex((c) => c.id === params.comment_id);
        if (index < 0) throw Object.assign(new Error('Not Found'), { status: 404 });
        comments.splice(index, 1);
      }
      return { data: {} };
    },
  });
  return { comments, calls, api };
}

const ref = { owner: 'acme', repo: 'shop', issue_number: 7 };
const bot = 'faultline[bot]';

describe('the sticky pull-request comment', () => {
  it('is created once, then edited in place, and not rewritten when nothing changed', async () => {
    const issue = fakeIssue();
    expect(await upsertStickyComment(issue.api(bot), ref, bot, 'score 80', 'short')).toBe('created');
    expect(await upsertStickyComment(issue.api(bot), ref, bot, 'score 90', 'short')).toBe('updated');
    issue.calls.length = 0;
    expect(await upsertStickyComment(issue.api(bot), ref, bot, 'score 90', 'short')).toBe('unchanged');
    expect(issue.calls).toEqual(['GET /repos/{owner}/{repo}/issues/{issue_number}/comments']);
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]!.body).toBe(`${COMMENT_MARKER}\nscore 90`);
  });

  it('ignores a marker quoted by a person, so nobody can hijack the comment', async () => {
    const issue = fakeIssue([{ id: 1, body: `${COMMENT_MARKER}\nfake`, user: { login: 'mallory', type: 'User' } }]);
    await upsertStickyComment(issue.api(bot), ref, bot, 'real', 'short');
    expect(issue.comments.map((c) => c.user.login)).toEqual(['mallory', bot]);
    expect(issue.comments[0]!.body).toContain('fake');
  });

  it('converges on one comment when two replicas handle events for the same PR at once', async () => {
    const issue = fakeIssue();
    await Promise.all([
      upsertStickyComment(issue.api(bot), ref, bot, 'from replica A', 'short'),
      upsertStickyComment(issue.api(bot), ref, bot, 'from replica A', 'short'),
    ]);
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]!.body).toBe(`${COMMENT_MARKER}\nfrom replica A`);
  });

  it('falls back to the shorter text when the full one is over the limit', () => {
    const text = withMarker('x'.repeat(MAX_COMMENT_LENGTH), 'the summary only');
    expect(text).toBe(`${COMMENT_MARKER}\nthe summary only`);
    expect(withMarker('y'.repeat(70_000), 'z'.repeat(70_000)).length).toBe(MAX_COMMENT_LENGTH);
  });
});
