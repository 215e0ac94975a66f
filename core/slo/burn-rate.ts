/**
 * The error-budget arithmetic, in one place so every face shows the same numbers.
 * All inputs and outputs are fractions; null means "no data" and stays null.
 */

/** The budget is the error ratio the objective allows: 1 − target (0.001 for 99.9 %). */
export function errorBudget(target: number): number {
  return 1 - target;
}

/** How many times faster than "exactly spend the budget over the SLO window" errors arrive. */
export function burnRate(errorRatio: number | null, target: number): number | null {
  if (errorRatio === null) return null;
  return errorRatio / errorBudget(target);
}

/** 1 − errorRatio ÷ (1 − target): 1 is untouched, 0 is spent, below 0 is overspent. */
export function budgetRemaining(errorRatio: number | null, target: number): number | null {
  if (errorRatio === null) return null;
  return 1 - errorRatio / errorBudget(target);
}

/**
 * Seconds until the remaining budget is gone at the current burn rate. A burn rate of 1 spends a
 * whole budget in one SLO window, so the remaining fraction lasts remaining × window ÷ rate.
 * 0 when the budget is already spent; null when unknown or when nothing burns.
 */
export function timeToExhaustion(remaining: number | null, currentBurnRate: number | null, windowSeconds: number): number | null {
  if (remaining === null) return null;
  if (remaining <= 0) return 0;
  if (currentBurnRate === null || currentBurnRate <= 0) return null;
  return (remaining * windowSeconds) / currentBurnRate;
}
