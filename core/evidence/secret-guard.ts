/** Which secret values a bundle must never hold, and how to look for them. */

/** Secrets shorter than this would refuse nearly every file. */
export const MIN_SECRET_LENGTH = 4;

export function usableSecrets(secrets: readonly string[]): Buffer[] {
  const unique = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))];
  return unique.map((s) => Buffer.from(s, 'utf8'));
}

/** Index of the first secret found in `data`, or -1. */
export function containsSecret(data: string | Buffer, secrets: readonly Buffer[]): number {
  const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return secrets.findIndex((secret) => buffer.includes(secret));
}
