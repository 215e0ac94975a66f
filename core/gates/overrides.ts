/**
 * Dual control for gate overrides. The pull request's comment history is the only state: every
 * replica derives the same answer from it, and the audit trail is the conversation itself.
 *
 * An override takes effect only when a person with write access requests it and a DIFFERENT
 * person with write access approves it afterwards. A later request replaces the earlier one (and
 * needs its own approval); `revoke` ends it.
 */
import { type GateName, parseCommands } from './commands.ts';

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

export interface CommandComment {
  id: number;
  author: string;
  /** Bots (including this app) cannot request or approve. */
  authorIsBot: boolean;
  createdAt: string;
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
    for (const command of parseCommands(comment.body)) {
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
        const gates = command.gate ? [command.gate] : (Object.keys(state.pending) as GateName[]);
        if (gates.length === 0 || (command.gate && !state.pending[command.gate])) {
          refuse(`nothing to approve${command.gate ? ` for ${command.gate}` : ''}: no override is pending`);
          continue;
        }
        for (const gate of gates) {
          const request = state.pending[gate]!;
          if (request.requestedBy === comment.author) {
            refuse(`@${comment.author} cannot approve their own override of ${gate}: a second person must approve`);
            continue;
          }
          state.active[gate] = { ...request, approvedBy: comment.author, approvedAt: comment.createdAt };
          delete state.pending[gate];
        }
      }
    }
  }
  return state;
}
