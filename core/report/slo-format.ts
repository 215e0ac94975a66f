/** Number formats shared by the SLO reports, so text, markdown and the PR comment agree. */

/** 0.00166 → `0.166 %`; null → `no data`. Three significant digits, at most 4 decimals. */
export function formatPercent(fraction: number | null): string {
  if (fraction === null) return 'no data';
  const value = fraction * 100;
  const digits = Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return `${Number(value.toFixed(digits))} %`;
}

/** The objective as people say it: 0.999 → `99.9 %`. */
export function formatObjective(target: number): string {
  return `${Number((target * 100).toPrecision(10))} %`;
}

export function formatBurnRate(rate: number | null): string {
  if (rate === null) return '–';
  if (rate === 0) return '0';
  return rate >= 10 ? rate.toFixed(1) : rate.toFixed(2);
}

/** `1 SLO`, `3 SLOs`: counts read as words, never `SLO(s)`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * When the budget runs out at the current burn rate, as a phrase that stands alone:
 * `exhausted in 1d 2h`, `budget already exhausted`, `not exhausted at the current burn rate`.
 */
export function describeExhaustion(seconds: number | null, hasData = true): string {
  if (!hasData) return 'no data';
  if (seconds === null) return 'not exhausted at the current burn rate';
  if (seconds <= 0) return 'budget already exhausted';
  return `exhausted in ${formatDuration(seconds)}`;
}

/** 93784 → `1d 2h`; two largest units, enough to act on. Callers handle null and ≤ 0 (see describeExhaustion). */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return 'never at this rate';
  if (seconds <= 0) return 'exhausted';
  const units: [string, number][] = [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [unit, size] of units) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    } else if (parts.length > 0) {
      break;
    }
  }
  return parts.join(' ') || '0s';
}
