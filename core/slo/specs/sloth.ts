/**
 * Sloth specs (https://sloth.dev): the `version: prometheus/v1` file and the Kubernetes resource
 * `PrometheusServiceLevel` share one shape. Each SLO becomes `<service>-<name>` over Sloth's
 * default 30-day rolling window, with Occurrences budgeting (Sloth knows no other).
 */
import type { RatioIndicator, SloAlertSeverityOptions, SloAlerting, SloDefinition } from '../types.ts';
import { percentToFraction, rawErrorRatioIndicator, template } from './indicator.ts';
import { failAt, keyPathIn, lineOf, type SpecDocument, stringLabels } from './source.ts';

interface SlothAlert {
  disable?: boolean;
  labels?: Record<string, unknown>;
  annotations?: Record<string, string>;
}

interface SlothSlo {
  name: string;
  objective: number;
  description?: string;
  labels?: Record<string, unknown>;
  plugins?: unknown;
  sli: {
    events?: { error_query: string; total_query: string };
    raw?: { error_ratio_query: string };
    plugin?: unknown;
  };
  alerting?: {
    name?: string;
    labels?: Record<string, unknown>;
    annotations?: Record<string, string>;
    page_alert?: SlothAlert;
    ticket_alert?: SlothAlert;
  };
}

export interface SlothServiceLevel {
  service: string;
  labels?: Record<string, unknown>;
  slos: SlothSlo[];
  slo_plugins?: unknown;
}

const PLUGIN_HINT =
  'Faultline cannot run Sloth plugins (Go code run by Sloth): write the queries the plugin would generate under sli.events (error_query, total_query) or sli.raw, and drop the plugin';

/** Sloth's own default `--default-slo-period`. */
const SLOTH_WINDOW = { kind: 'rolling', duration: '30d', seconds: 30 * 86_400 } as const;

/** `pointer` is where the service level sits in the document: '' for a file, '/spec' for a resource. */
export function slothToSlos(document: SpecDocument, spec: SlothServiceLevel, pointer: string): SloDefinition[] {
  if (spec.slo_plugins !== undefined) failAt(document, `${pointer}/slo_plugins`, 'Sloth SLO plugins are not supported', PLUGIN_HINT);
  return spec.slos.map((slo, index) => {
    const at = `${pointer}/slos/${index}`;
    if (slo.plugins !== undefined) failAt(document, `${at}/plugins`, 'Sloth SLO plugins are not supported', PLUGIN_HINT);
    const labels = { ...stringLabels(spec.labels), ...stringLabels(slo.labels) };
    const definition: SloDefinition = {
      name: `${spec.service}-${slo.name}`,
      service: spec.service,
      target: percentToFraction(slo.objective),
      window: { ...SLOTH_WINDOW },
      budgetingMethod: 'Occurrences',
      indicator: slothIndicator(document, slo, `${at}/sli`),
      source: { file: document.file, line: lineOf(document, `${at}/name`), key: keyPathIn(document, `${at}/name`) },
    };
    if (slo.description) definition.description = slo.description;
    if (Object.keys(labels).length > 0) definition.labels = labels;
    if (slo.alerting) definition.alerting = slothAlerting(slo.alerting);
    return definition;
  });
}

function slothIndicator(document: SpecDocument, slo: SlothSlo, at: string): RatioIndicator {
  const kinds = (['events', 'raw', 'plugin'] as const).filter((k) => slo.sli[k] !== undefined);
  if (kinds.length !== 1) {
    failAt(
      document,
      at,
      kinds.length === 0 ? 'an SLI needs "events" or "raw"' : `an SLI has exactly one of ${kinds.join(', ')}`,
      'give sli.events.error_query and sli.events.total_query, or sli.raw.error_ratio_query',
    );
  }
  if (slo.sli.plugin !== undefined) {
    failAt(
      document,
      `${at}/plugin`,
      'Sloth SLI plugins are not supported',
      PLUGIN_HINT,
    );
  }
  if (slo.sli.raw) {
    return rawErrorRatioIndicator(template(document, slo.sli.raw.error_ratio_query, `${at}/raw/error_ratio_query`));
  }
  const events = slo.sli.events!;
  return {
    kind: 'ratio',
    bad: template(document, events.error_query, `${at}/events/error_query`),
    total: template(document, events.total_query, `${at}/events/total_query`),
  };
}

function slothAlerting(alerting: NonNullable<SlothSlo['alerting']>): SloAlerting {
  const out: SloAlerting = {};
  if (alerting.name) out.name = alerting.name;
  const labels = stringLabels(alerting.labels);
  if (labels) out.labels = labels;
  if (alerting.annotations) out.annotations = { ...alerting.annotations };
  if (alerting.page_alert) out.page = severityOptions(alerting.page_alert);
  if (alerting.ticket_alert) out.ticket = severityOptions(alerting.ticket_alert);
  return out;
}

function severityOptions(alert: SlothAlert): SloAlertSeverityOptions {
  const out: SloAlertSeverityOptions = {};
  if (alert.disable) out.disable = true;
  const labels = stringLabels(alert.labels);
  if (labels) out.labels = labels;
  if (alert.annotations) out.annotations = { ...alert.annotations };
  return out;
}
