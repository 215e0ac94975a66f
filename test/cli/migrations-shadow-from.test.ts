/** `--shadow-from template|empty|dump:FILE`: what the shadow run's scratch database starts from. */
import { parseLintArgs } from '../../cli/commands/migrations.ts';
import { FaultlineError } from '../../core/errors.ts';

const URL_ARGS = ['--database-url', 'postgres://postgres@127.0.0.1:5432/app'];

describe('faultline migrations lint --shadow-from', () => {
  it.each([
    ['template', { kind: 'template' }],
    ['empty', { kind: 'empty' }],
    ['dump:db/schema.sql', { kind: 'dump', file: 'db/schema.sql' }],
  ])('reads %s', (value, expected) => {
    expect(parseLintArgs([...URL_ARGS, '--shadow-from', value, 'm.sql']).shadowFrom).toEqual(expected);
  });

  it('is left to the config (else template) when not given', () => {
    expect(parseLintArgs([...URL_ARGS, 'm.sql'])).not.toHaveProperty('shadowFrom');
  });

  it.each([
    [[...URL_ARGS, '--shadow-from', 'prod', 'm.sql'], "--shadow-from: expected template, empty or dump:FILE, got 'prod'"],
    [[...URL_ARGS, '--shadow-from', 'dump:', 'm.sql'], '--shadow-from: dump: needs a file'],
    [['--shadow-from', 'empty', 'm.sql'], '--shadow-from needs --database-url'],
  ])('is a usage error (exit 2) for %j', (args, message) => {
    expect(() => parseLintArgs(args)).toThrow(FaultlineError);
    expect(() => parseLintArgs(args)).toThrow(message);
  });
});
