/** The rules about locks and transactions (one file each); the engine runs them with the others. */
import type { Rule } from '../types.ts';
import { nonConcurrentIndex } from './non-concurrent-index.ts';

export const lockingRules: Rule[] = [nonConcurrentIndex];
