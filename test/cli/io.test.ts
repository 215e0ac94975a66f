import { colourFrom } from '../../cli/io.ts';

describe('colour on the terminal', () => {
  it.each([
    ['--color=always wins over NO_COLOR', 'always', { NO_COLOR: '1' }, false, true],
    ['--color=never wins over FORCE_COLOR', 'never', { FORCE_COLOR: '1' }, true, false],
    ['NO_COLOR turns it off on a terminal', 'auto', { NO_COLOR: '1' }, true, false],
    ['FORCE_COLOR turns it on in a pipe', 'auto', { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR=0 does not force it', 'auto', { FORCE_COLOR: '0' }, false, false],
    ['a terminal gets colour by default', 'auto', {}, true, true],
    ['a pipe gets none by default', 'auto', {}, false, false],
  ] as const)('%s', (_name, when, env, isTTY, expected) => {
    expect(colourFrom(when, env, isTTY)).toBe(expected);
  });
});
