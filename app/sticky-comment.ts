/**
 * The one pull-request comment Faultline keeps current. It is found by a hidden marker AND by
 * being written by this app (a user quoting the marker must not hijack it), edited in place, and
 * left alone when its text would not change.
 *
 * Replicas are stateless, so two of them can both find no comment and both create one. After a
 * create we list again and converge: the oldest of our marked comments wins, newer ones are
 * deleted (a 404 means another replica deleted it first). Every replica reaches the same state.
 */

export const COMMENT_MARKER = '<!-- faultline:pull-request-comment -->';
/** GitHub rejects comment bodies over 65,536 characters; keep a margin for the marker. */
export const MAX_COMMENT_LENGTH = 65_000;

export interface IssueRef {
  owner: string;
  repo: string;
  issue_number: number;
}

interface CommentLike {
  id: number;
  body?: string | null;
  user?: { login: string; type?: string } | null;
}

/** The part of Octokit this module uses (Probot's context.octokit satisfies it). */
export interface CommentApi {
  paginate<T>(route: string, params: Record<string, unknown>): Promise<T[]>;
  request(route: string, params: Record<string, unknown>): Promise<{ data: unknown }>;
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export function withMarker(body: string, fallback: string): string {
  const full = `${COMMENT_MARKER}\n${body}`;
  if (full.length <= MAX_COMMENT_LENGTH) return full;
  const short = `${COMMENT_MARKER}\n${fallback}`;
  return short.length <= MAX_COMMENT_LENGTH ? short : short.slice(0, MAX_COMMENT_LENGTH);
}

function ours(comments: readonly CommentLike[], botLogin: string): CommentLike[] {
  return comments
    .filter((c) => c.user?.login === botLogin && (c.body ?? '').startsWith(COMMENT_MARKER))
    .sort((a, b) => a.id - b.id);
}

async function ourComments(api: CommentApi, ref: IssueRef, botLogin: string): Promise<CommentLike[]> {
  const comments = await api.paginate<CommentLike>('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
    ...ref,
    per_page: 100,
  });
  return ours(comments, botLogin);
}

function isNotFound(error: unknown): boolean {
  return (error as { status?: number }).status === 404;
}

/**
 * Creates or edits the comment. `botLogin` is the app's own login (`<slug>[bot]`). `fallback` is
 * the shorter text used when `body` does not fit. `listed` saves a request when the caller has
 * just listed the comments (to read commands, say).
 */
export async function upsertStickyComment(
  api: CommentApi,
  ref: IssueRef,
  botLogin: string,
  body: string,
  fallback: string,
  listed?: readonly CommentLike[],
): Promise<UpsertOutcome> {
  const text = withMarker(body, fallback);
  const existing = listed ? ours(listed, botLogin) : await ourComments(api, ref, botLogin);
  if (existing.length === 0) {
    await api.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...ref, body: text });
    const after = await ourComments(api, ref, botLogin);
    if (after.length > 1) await converge(api, ref, after, text);
    return 'created';
  }
  await converge(api, ref, existing, text);
  return existing[0]!.body === text ? 'unchanged' : 'updated';
}

async function converge(api: CommentApi, ref: IssueRef, ours: CommentLike[], text: string): Promise<void> {
  const [keep, ...duplicates] = ours;
  for (const duplicate of duplicates) {
    try {
      await api.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        owner: ref.owner,
        repo: ref.repo,
        comment_id: duplicate.id,
      });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  if (keep!.body !== text) {
    await api.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      owner: ref.owner,
      repo: ref.repo,
      comment_id: keep!.id,
      body: text,
    });
  }
}
