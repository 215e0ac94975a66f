import { ArgumentReader, parseSeconds, safeName } from '../../../core/drivers/arguments.ts';

describe('driver arguments', () => {
  it('accepts numbers substituted from configuration as strings', () => {
    const reader = new ArgumentReader('network', { port: '8443', loss: '2.5' }, ['port', 'loss']);
    expect(reader.integer('port', { min: 1, max: 65_535 })).toBe(8443);
    expect(reader.number('loss', { min: 0, max: 100 })).toBe(2.5);
    expect(() => new ArgumentReader('network', { port: '84a' }, ['port']).integer('port', { min: 1, max: 9 })).toThrow(
      'driver "network": argument "port" must be an integer from 1 to 9, got "84a"',
    );
  });

  it('reads durations as seconds, minutes or hours', () => {
    expect([parseSeconds(90), parseSeconds('90s'), parseSeconds('5m'), parseSeconds('1h'), parseSeconds('500ms')]).toEqual([90, 90, 300, 3600, 0.5]);
    expect([parseSeconds('soon'), parseSeconds(-1), parseSeconds('1d')]).toEqual([undefined, undefined, undefined]);
  });

  it('rejects arguments that are not a mapping, naming the driver', () => {
    expect(() => new ArgumentReader('stress', ['cpu'], ['cpu'])).toThrow('driver "stress": arguments must be an object, got a list');
  });

  it('makes names safe for labels, resource names and comments', () => {
    expect(safeName('Exp 7/Pod_Failure!!')).toBe('exp-7-pod-failure');
    expect(safeName('x'.repeat(100), 10)).toHaveLength(10);
    expect(safeName('***')).toBe('x');
  });
});
