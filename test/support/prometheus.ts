/**
 * Tests start their real Prometheus through the same module as the demo and the benchmark
 * (scripts/lib/prometheus.ts): one implementation, imported from where tests have always found it.
 */
export * from '../../scripts/lib/prometheus.ts';
