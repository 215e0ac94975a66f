/**
 * Which OpenSLO metric sources Faultline can query, and the PromQL they hold.
 *
 * OpenSLO leaves `metricSource.type` free ("Prometheus, Datadog, etc."), infers it from the
 * `DataSource` named by `metricSourceRef` when absent, and puts the query under whatever keys the
 * source needs. Faultline evaluates every SLI with PromQL against one Prometheus-compatible server
 * (`--prometheus`), so it reads a metric source when
 *   - its type (or its DataSource's) names a Prometheus-compatible store, or
 *   - it names none, or the placeholder `Any` the OpenSLO examples use,
 * and in both cases `spec.query` (or `spec.promql`) parses as PromQL. Any other type (Datadog,
 * CloudWatch, Redshift ...) is refused, naming the type: its query language is not PromQL.
 */
import { checkPromql, type PromqlCheck } from './promql-syntax.ts';
import { failAt, type SpecDocument } from './source.ts';

export interface MetricSourceHolder {
  metricSource: { metricSourceRef?: string; type?: string; spec: Record<string, unknown> };
}

/** Stores that answer PromQL over the Prometheus HTTP API (compared lower-case, without `-`, `_`, spaces). */
const PROMETHEUS_COMPATIBLE = ['prometheus', 'thanos', 'cortex', 'mimir', 'grafanamimir', 'victoriametrics', 'amazonprometheus', 'googlemanagedprometheus'];
/** Types that say nothing about the store: the query decides. */
const GENERIC = ['any'];

export const PROMETHEUS_TYPES_HINT =
  'Faultline evaluates SLIs with PromQL against a Prometheus-compatible server: use type Prometheus (or Thanos, Cortex, Mimir, VictoriaMetrics, AmazonPrometheus, GoogleManagedPrometheus), Any, or none, with the PromQL in spec.query';

const normalise = (type: string) => type.toLowerCase().replace(/[-_\s]/g, '');

export function isPrometheusCompatible(type: string): boolean {
  return PROMETHEUS_COMPATIBLE.includes(normalise(type));
}

/** A DataSource's type by its metadata.name, from the OpenSLO documents given. */
export type DataSourceTypes = ReadonlyMap<string, string | undefined>;

/**
 * The PromQL of a metric source at `at` (a pointer to the holder of `metricSource`), its syntax
 * checked, and the pointer of the key it came from; refuses sources Faultline cannot query.
 */
export function promqlOf(
  document: SpecDocument,
  holder: MetricSourceHolder,
  at: string,
  dataSources: DataSourceTypes,
): { query: string; pointer: string; check: Extract<PromqlCheck, { ok: true }> } {
  const source = holder.metricSource;
  const fromRef = source.metricSourceRef !== undefined ? dataSources.get(source.metricSourceRef) : undefined;
  const type = source.type ?? fromRef;
  const typePointer = source.type !== undefined ? `${at}/metricSource/type` : `${at}/metricSource/metricSourceRef`;
  if (type !== undefined && !isPrometheusCompatible(type) && !GENERIC.includes(normalise(type))) {
    failAt(
      document,
      typePointer,
      `metric source type "${type}"${source.type === undefined ? ` (of DataSource "${source.metricSourceRef}")` : ''} is not supported: it is not Prometheus-compatible, so its query is not PromQL`,
      PROMETHEUS_TYPES_HINT,
    );
  }
  const key = source.spec.query !== undefined ? 'query' : source.spec.promql !== undefined ? 'promql' : undefined;
  const query = key ? source.spec[key] : undefined;
  if (typeof query !== 'string' || query.trim() === '') {
    failAt(
      document,
      `${at}/metricSource/spec`,
      `a${type === undefined ? '' : ` "${type}"`} metric source needs spec.query, a PromQL string`,
      PROMETHEUS_TYPES_HINT,
    );
  }
  const pointer = `${at}/metricSource/spec/${key}`;
  const check = checkPromql(query);
  if (!check.ok) {
    const typed = type === undefined ? 'a metric source without a type' : `metric source type "${type}"`;
    failAt(document, pointer, `${check.problem}; ${typed} is read as Prometheus, whose queries are PromQL`, PROMETHEUS_TYPES_HINT);
  }
  return { query, pointer, check };
}
