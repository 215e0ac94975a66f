import { parseStepWait, parseWeightSteps } from '../../../../core/slo/canary/step-input.ts';

describe('canary steps and wait, as typed into an input or a flag', () => {
  it('reads increasing percentages separated by commas or spaces, with or without %', () => {
    expect(parseWeightSteps('10,25,50,100', 'input steps')).toEqual([10, 25, 50, 100]);
    expect(parseWeightSteps(' 5%, 12.5% 100 ', 'input steps')).toEqual([5, 12.5, 100]);
  });

  it('refuses weights outside 1…100, words, nothing, and weights that do not increase', () => {
    expect(() => parseWeightSteps('10,150', 'input steps')).toThrow('input steps: "150" is not a traffic weight between 1 and 100');
    expect(() => parseWeightSteps('0,50', '--steps')).toThrow('--steps: "0" is not a traffic weight between 1 and 100');
    expect(() => parseWeightSteps('ten', '--steps')).toThrow('--steps: "ten" is not a traffic weight');
    expect(() => parseWeightSteps(' , ', '--steps')).toThrow('--steps: no traffic weights');
    expect(() => parseWeightSteps('10,50,50', '--steps')).toThrow('--steps: weights must increase, but 50 follows 50');
  });

  it('reads the wait as a Prometheus duration or bare seconds', () => {
    expect(parseStepWait('5m', 'input step-wait')).toBe(300);
    expect(parseStepWait('1h30m', 'input step-wait')).toBe(5400);
    expect(parseStepWait('90', 'input step-wait')).toBe(90);
  });

  it('refuses a wait that is not a positive duration', () => {
    expect(() => parseStepWait('soon', 'input step-wait')).toThrow('input step-wait: "soon" is not a duration');
    expect(() => parseStepWait('0', '--step-wait')).toThrow('--step-wait: "0" is not a duration');
    expect(() => parseStepWait('5 minutes', '--step-wait')).toThrow('"5 minutes" is not a duration');
  });
});
