/** Generated request counters for tests: the implementation lives in scripts/lib/traffic.ts (shared with the demo). */
export * from '../../scripts/lib/traffic.ts';
