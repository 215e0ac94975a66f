/**
 * The job log masks secrets without garbling the log: GitHub replaces every occurrence of a
 * masked value, so a one-letter or stock password is never registered, while whole URLs and
 * specific secrets are.
 */
import { isMaskable, maskSecret, maskUrl } from '../../../actions/shared/mask.ts';

function masked(register: (set: (value: string) => void) => void): string[] {
  const values: string[] = [];
  register((value) => values.push(value));
  return values;
}

describe('log masking', () => {
  it.each([
    ['a one-character password', 'e', false],
    ['a stock password', 'postgres', false],
    ['a stock password in capitals', 'Password', false],
    ['a five-character value', 'ab12c', false],
    ['a specific secret', 'hunter2-secret', true],
    ['a bearer token', 'Bearer s3cr3t-token', true],
  ])('%s: masked = %s', (_name, value, expected) => {
    expect(isMaskable(value)).toBe(expected);
    expect(masked((set) => maskSecret(value, set))).toEqual(expected ? [value] : []);
  });

  it('masks a whole URL with credentials, and its password alone only when that is specific', () => {
    expect(masked((set) => maskUrl('postgres://app:hunter2-secret@db:5432/app', set))).toEqual(['postgres://app:hunter2-secret@db:5432/app', 'hunter2-secret']);
    expect(masked((set) => maskUrl('postgres://postgres:postgres@db:5432/app', set))).toEqual(['postgres://postgres:postgres@db:5432/app']);
    expect(masked((set) => maskUrl('postgres://app:e@db/app', set))).toEqual(['postgres://app:e@db/app']);
  });

  it('leaves text that is not a URL to the input reader, masking it whole', () => {
    expect(masked((set) => maskUrl('not a url at all', set))).toEqual(['not a url at all']);
    expect(masked((set) => maskUrl('', set))).toEqual([]);
  });
});
