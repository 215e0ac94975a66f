/**
 * Which values the job log masks. GitHub replaces every occurrence of a masked value, anywhere in
 * the log: a password `e` or `postgres` would turn "Connection terminated" into
 * "Conn***ction t***rminat***d". So a value is masked only when it is long and specific enough
 * that masking it hides the secret and nothing else; whole URLs with credentials and header
 * values are masked as they are. Faultline never prints a password itself (URLs are shown
 * redacted), so a value too weak to mask is still not printed by us.
 */
import * as core from '@actions/core';

/** Shorter values, and the stock defaults below, are not registered as masks (see docs/secrets.md). */
export const MIN_MASK_LENGTH = 6;

const COMMON_WORDS = new Set(['postgres', 'password', 'passwd', 'secret', 'admin', 'root', 'changeme', 'default', 'prometheus', 'guest', 'master', 'public', 'test', 'user', 'faultline']);

/** Whether masking `value` would hide a secret without garbling ordinary log text. */
export function isMaskable(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length >= MIN_MASK_LENGTH && !COMMON_WORDS.has(trimmed.toLowerCase());
}

/** Registers `value` with the runner's log masking when that is safe; returns whether it did. */
export function maskSecret(value: string | undefined, setSecret: (value: string) => void = core.setSecret): boolean {
  if (!value || !isMaskable(value)) return false;
  setSecret(value);
  return true;
}

/** A URL with credentials: the whole URL, and its password on its own when that is maskable. */
export function maskUrl(raw: string | undefined, setSecret: (value: string) => void = core.setSecret): void {
  if (!raw) return;
  maskSecret(raw, setSecret);
  try {
    const parsed = new URL(raw);
    if (parsed.password) maskSecret(decodeURIComponent(parsed.password), setSecret);
  } catch {
    // Not a URL: the input reader rejects it without echoing it.
  }
}
