/**
 * Dual control for gate overrides. The pull request's comment history is the only state: every
 * replica derives the same answer from it, and the audit trail is the conversation itself.
 *
 * An override takes effect only when a person with write access requests it and a DIFFERENT
 * person with write access approves it afterwards. A later request replaces the earlier one (and
 * needs its own approval); `revoke` ends it.
 *
 * Only what was written when a comment was created counts: an edited comment carries no command
 * at all (neither its old nor its new text; GitHub keeps no trustworthy history of what an
 * approver saw). An approval names the request it approves (its gate or comment id, or quotes it),
 * so editing the request after approval voids the request and with it the approval. A deleted
 * comment is simply no longer in the conversation, so it stops counting at the next evaluation.
 */
import { type GateName, parseCommands, quotedOverrides } from './commands.ts';

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

export interface CommandComment {
  id: number;
  author: string;
  /** Bots (including this app) cannot request or approve. */
  authorIsBot: boolean;
  createdAt: string;
  /** GitHub's `updated_at`: differs from `createdAt` once the comment was edited. */
  updatedAt?: string;
  body: string;
  url?: string;
}

export interface OverrideRequest {
  gate: GateName;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  commentId: number;
}

export interface ActiveOverride extends OverrideRequest {
  approvedBy: string;
  approvedAt: string;
}

export interface RefusedCommand {
  commentId: number;
  author: string;
  problem: string;
}

export interface OverrideState {
  active: Partial<Record<GateName, ActiveOverride>>;
  pending: Partial<Record<GateName, OverrideRequest>>;
  refused: RefusedCommand[];
}

const CAN_DECIDE: ReadonlySet<Permission> = new Set(['admin', 'maintain', 'write']);

export function canDecide(permission: Permission | undefined): boolean {
  return permission !== undefined && CAN_DECIDE.has(permission);
}

/** True when the comment was edited after it was written (same instant means never edited). */
export function wasEdited(comment: CommandComment): boolean {
  if (comment.updatedAt === undefined) return false;
  return Date.parse(comment.updatedAt) !== Date.parse(comment.createdAt);
}

/** Replays the comments in order; `permissions` maps each author to their repository permission. */
export function evaluateOverrides(
  comments: readonly CommandComment[],
  permissions: ReadonlyMap<string, Permission>,
): OverrideState {
  const state: OverrideState = { active: {}, pending: {}, refused: [] };
  const ordered = [...comments].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
  for (const comment of ordered) {
    if (comment.authorIsBot) continue;
    const refuse = (problem: string) => state.refused.push({ commentId: comment.id, author: comment.author, problem });
    const commands = parseCommands(comment.body);
    if (commands.length > 0 && wasEdited(comment)) {
      refuse(`comment ${comment.id} by @${comment.author} was edited: commands in edited comments do not count; write the command in a new comment`);
      continue;
    }
    for (const command of commands) {
      if (command.kind === 'invalid') {
        refuse(command.problem);
        continue;
      }
      if (command.kind === 'rerun') continue;
      if (!canDecide(permissions.get(comment.author))) {
        refuse(`@${comment.author} needs write access to ${command.kind} an override`);
        continue;
      }
      if (command.kind === 'override') {
        delete state.active[command.gate];
        state.pending[command.gate] = {
          gate: command.gate,
          reason: command.reason,
          requestedBy: comment.author,
          requestedAt: comment.createdAt,
          commentId: comment.id,
        };
      } else if (command.kind === 'revoke') {
        delete state.active[command.gate];
        delete state.pending[command.gate];
      } else {
        approve(state, comment, command, refuse);
      }
    }
  }
  return state;
}

/** The pending requests an approval names: by gate, by comment id, or by quoting the request. */
function approvedRequests(state: OverrideState, comment: CommandComment, command: { gate?: GateName; commentId?: number }): OverrideRequest[] | string {
  const pending = Object.values(state.pending) as OverrideRequest[];
  if (command.gate) return state.pending[command.gate] ? [state.pending[command.gate]!] : `nothing to approve for ${command.gate}: no override is pending`;
  if (command.commentId !== undefined) {
    const request = pending.find((p) => p.commentId === command.commentId);
    return request ? [request] : `comment ${command.commentId} is not a pending override request (it was replaced, revoked, edited or never was one)`;
  }
  const quoted = quotedOverrides(comment.body);
  if (quoted.length === 0) return 'name what you approve: /faultline approve <gate>, /faultline approve #<comment id>, or quote the request';
  const matched = pending.filter((p) => quoted.some((q) => q.gate === p.gate && q.reason === p.reason));
  return matched.length > 0 ? matched : 'the quoted request is not pending as quoted (it was replaced, revoked or edited)';
}

function approve(state: OverrideState, comment: CommandComment, command: { gate?: GateName; commentId?: number }, refuse: (problem: string) => void): void {
  const requests = approvedRequests(state, comment, command);
  if (typeof requests === 'string') {
    refuse(requests);
    return;
  }
  for (const request of requests) {
    if (request.requestedBy === comment.author) {
      refuse(`@${comment.author} cannot approve their own override of ${request.gate}: a second person must approve`);
      continue;
    }
    state.active[request.gate] = { ...request, approvedBy: comment.author, approvedAt: comment.createdAt };
    delete state.pending[request.gate];
  }
}
