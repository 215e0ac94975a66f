/**
 * Three days of generated traffic for every SLO in examples/slos/openslo and examples/slos/sloth,
 * one sample a minute, and what `faultline slo status` must say about it. The story: most services
 * are healthy, the gateway has burned fast for the last hour (a page alert with budget left, which
 * the default policy lets through), and payments-api's webhooks have spent their budget (fail).
 */
import { type GeneratedTraffic, generateTraffic, type ServiceTraffic } from './support/traffic.ts';

const DAYS_OF_MINUTES = 3 * 1440 + 60;

/** Error ratios stay exact: integer requests and errors per minute. */
function steady(requests: number, errors: number, minutes = DAYS_OF_MINUTES) {
  return [{ steps: minutes, requests, errors }];
}

const SERVICES: ServiceTraffic[] = [
  // checkout-availability (99.9 %): 1 in 6000 requests fails, a sixth of the budget used.
  {
    labels: { job: 'checkout' },
    phases: steady(6000, 1),
  },
  // checkout-latency (99 %): 30 in 6000 requests take over 300 ms, half the budget used.
  {
    labels: {},
    phases: steady(6000, 30),
    series: [
      { name: 'http_request_duration_seconds_bucket', labels: { job: 'checkout', le: '0.3' }, counts: 'good' },
      { name: 'http_request_duration_seconds_count', labels: { job: 'checkout' }, counts: 'total' },
    ],
  },
  // search-good-minutes (99.5 % of minutes with ≥ 95 % ok): a 10-minute outage a day ago.
  {
    labels: {},
    phases: [
      { steps: DAYS_OF_MINUTES - 1450, requests: 1000, errors: 10 },
      { steps: 10, requests: 1000, errors: 200 },
      { steps: 1440, requests: 1000, errors: 10 },
    ],
    series: [
      { name: 'search_queries_total', labels: { outcome: 'ok' }, counts: 'good' },
      { name: 'search_queries_total', labels: { outcome: 'error' }, counts: 'bad' },
    ],
  },
  // gateway-requests-availability (99.95 %): quiet for three days, then 1.5 % errors for an hour.
  {
    labels: {},
    phases: [
      { steps: DAYS_OF_MINUTES - 60, requests: 6000, errors: 1 },
      { steps: 60, requests: 6000, errors: 90 },
    ],
    series: [
      { name: 'nginx_ingress_controller_requests', labels: { ingress: 'gateway', status: '200' }, counts: 'good' },
      { name: 'nginx_ingress_controller_requests', labels: { ingress: 'gateway', status: '500' }, counts: 'bad' },
    ],
  },
  // payments-api-requests-availability (99.9 %): 3 in 6000 fail, half the budget used.
  {
    labels: {},
    phases: steady(6000, 3),
    series: [
      { name: 'http_request_duration_seconds_count', labels: { job: 'payments-api', code: '200' }, counts: 'good' },
      { name: 'http_request_duration_seconds_count', labels: { job: 'payments-api', code: '500' }, counts: 'bad' },
    ],
  },
  // payments-api-webhook-delivery (99.5 %): 1 % of deliveries fail, the budget is spent twice.
  {
    labels: {},
    phases: steady(200, 2),
    series: [
      { name: 'webhook_deliveries_failed_total', labels: { job: 'payments-api' }, counts: 'bad' },
      { name: 'webhook_deliveries_total', labels: { job: 'payments-api' }, counts: 'total' },
    ],
  },
];

/** What the status must show for each example SLO, given the traffic above. */
export const EXPECTED_STATUS: Record<string, { verdict: 'pass' | 'fail'; alert: 'none' | 'ticket' | 'page' }> = {
  'checkout-availability': { verdict: 'pass', alert: 'none' },
  'checkout-latency': { verdict: 'pass', alert: 'none' },
  'search-good-minutes': { verdict: 'pass', alert: 'none' },
  'gateway-requests-availability': { verdict: 'pass', alert: 'page' },
  'payments-api-requests-availability': { verdict: 'pass', alert: 'none' },
  // Burning at 2× for three days: the slow ticket condition (3d/6h at 1) fires, no page.
  'payments-api-webhook-delivery': { verdict: 'fail', alert: 'ticket' },
};

/** The traffic, ending at the last whole minute before `now`. */
export function sloDemoTraffic(now: Date = new Date()): GeneratedTraffic {
  return generateTraffic({ lastSampleAt: Math.floor(now.getTime() / 60_000) * 60 - 60, services: SERVICES });
}
