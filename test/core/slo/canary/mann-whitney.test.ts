import { mannWhitneyU } from '../../../../core/slo/canary/mann-whitney.ts';
import { erfc, normalSurvival } from '../../../../core/slo/canary/normal.ts';

// Reference values from SciPy 1.17 `scipy.stats.mannwhitneyu` (exact and asymptotic methods).
const MALES = [19, 22, 16, 29, 24];
const FEMALES = [20, 11, 17, 12];

describe('Mann-Whitney U test', () => {
  it('computes U from the rank sum (the textbook example of the SciPy docs: U = 17)', () => {
    expect(mannWhitneyU(MALES, FEMALES).u).toBe(17);
    expect(mannWhitneyU(FEMALES, MALES).u).toBe(3);
  });

  it('gives exact p-values for small samples without ties', () => {
    const twoSided = mannWhitneyU(MALES, FEMALES, 'two-sided');
    expect(twoSided.method).toBe('exact');
    expect(twoSided.pValue).toBeCloseTo(0.1111111111111111, 12);
    expect(mannWhitneyU(MALES, FEMALES, 'greater').pValue).toBeCloseTo(0.05555555555555555, 12);
    expect(mannWhitneyU(MALES, FEMALES, 'less').pValue).toBeCloseTo(0.9682539682539683, 12);
  });

  it('agrees with the critical value table: n1 = n2 = 10 at α = 0.05 two-sided rejects U ≤ 23, not 24', () => {
    const baseline = Array.from({ length: 10 }, (_, i) => i * 10);
    // A tie-free sample whose U against the baseline is exactly `u`: value i sits above
    // min(10, u - 10i) baseline values.
    const withU = (u: number) => Array.from({ length: 10 }, (_, i) => Math.min(10, Math.max(0, u - i * 10)) * 10 - 5 + i * 0.01);
    expect(mannWhitneyU(withU(23), baseline)).toMatchObject({ u: 23, method: 'exact' });
    expect(mannWhitneyU(withU(23), baseline).pValue).toBeCloseTo(0.04325705254497823, 12);
    expect(mannWhitneyU(withU(24), baseline).pValue).toBeCloseTo(0.0524259022711035, 12);
  });

  it('matches a brute-force enumeration of every split for a 6 + 5 sample', () => {
    const first = [3.1, 4.7, 5.2, 6.0, 8.8, 9.1];
    const second = [1.0, 2.4, 3.9, 5.5, 7.3];
    const all = [...first, ...second];
    const observed = mannWhitneyU(first, second).u;
    let atLeast = 0;
    let count = 0;
    const choose = (start: number, picked: number[]) => {
      if (picked.length === first.length) {
        const chosen = picked.map((i) => all[i]!);
        const rest = all.filter((_, i) => !picked.includes(i));
        count++;
        if (mannWhitneyU(chosen, rest).u >= observed) atLeast++;
        return;
      }
      for (let i = start; i < all.length; i++) choose(i + 1, [...picked, i]);
    };
    choose(0, []);
    expect(count).toBe(462);
    expect(mannWhitneyU(first, second, 'greater').pValue).toBeCloseTo(atLeast / count, 12);
  });

  it('uses the normal approximation with tie correction when there are ties', () => {
    const a = [1.1, 2.2, 2.2, 3.5, 4.0, 4.0, 4.0, 5.1];
    const b = [0.5, 1.1, 2.2, 2.9, 3.0, 3.3];
    const result = mannWhitneyU(a, b, 'two-sided');
    expect(result.method).toBe('normal');
    expect(result.u).toBe(36.5);
    expect(result.pValue).toBeCloseTo(0.11764244430816431, 6);
    expect(mannWhitneyU(a, b, 'greater').pValue).toBeCloseTo(0.058821222154082156, 6);
    expect(mannWhitneyU(a, b, 'less').pValue).toBeCloseTo(0.9549757241070083, 6);
  });

  it('switches to the normal approximation for large samples, and it is close to exact there', () => {
    const canary = [10.346, 10.822, 10.33, 8.697, 10.905, 10.446, 9.463, 10.581, 10.365, 10.294, 10.028, 10.547, 9.264, 9.837, 9.518];
    const baseline = [12.718, 9.488, 10.222, 12.643, 11.247, 11.263, 10.086, 8.952, 10.767, 10.709, 9.373, 9.917, 10.528, 9.655, 10.502];
    const small = mannWhitneyU(canary, baseline, 'less');
    expect(small.method).toBe('exact');
    const big = mannWhitneyU([...canary, ...canary.map((v) => v + 0.0001)], [...baseline, ...baseline.map((v) => v + 0.0001)], 'less');
    expect(big.method).toBe('normal');
    expect(big.pValue).toBeLessThan(small.pValue);
  });

  it('finds no evidence when every value is tied, and refuses empty or non-finite samples', () => {
    expect(mannWhitneyU([1, 1, 1], [1, 1]).pValue).toBe(1);
    expect(() => mannWhitneyU([], [1])).toThrow(RangeError);
    expect(() => mannWhitneyU([Number.NaN], [1])).toThrow(RangeError);
  });

  it('computes the normal tail accurately', () => {
    expect(normalSurvival(1.959963984540054)).toBeCloseTo(0.025, 7);
    expect(normalSurvival(0)).toBeCloseTo(0.5, 7);
    expect(erfc(-1)).toBeCloseTo(1.8427007929497148, 7);
  });
});
