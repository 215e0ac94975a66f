/** Prometheus metrics of the app: events handled, GitHub requests made, handler latency. */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface AppMetrics {
  registry: Registry;
  events: Counter<'event' | 'outcome'>;
  githubRequests: Counter<'method' | 'route' | 'status'>;
  handlerSeconds: Histogram<'event'>;
  handlersInFlight: Gauge;
}

export function createMetrics(): AppMetrics {
  const registry = new Registry();
  return {
    registry,
    events: new Counter({
      name: 'faultline_app_webhook_events_total',
      help: 'Webhook deliveries received, by event and outcome (handled, rejected, failed).',
      labelNames: ['event', 'outcome'],
      registers: [registry],
    }),
    githubRequests: new Counter({
      name: 'faultline_app_github_requests_total',
      help: 'Requests the app sent to the GitHub API, by method, route template and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    handlerSeconds: new Histogram({
      name: 'faultline_app_handler_duration_seconds',
      help: 'Time an event handler ran (it may go on after the delivery was answered 202).',
      labelNames: ['event'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    handlersInFlight: new Gauge({
      name: 'faultline_app_handlers_in_flight',
      help: 'Event handlers running now; wait for 0 before stopping a replica.',
      registers: [registry],
    }),
  };
}
