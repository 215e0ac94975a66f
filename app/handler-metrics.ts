/**
 * Measures event handlers themselves, not the HTTP answer. GitHub's webhook middleware answers
 * `202 still processing` after 9 s and lets the handler run on (GitHub gives up on a delivery after
 * 10 s), so timing the answer would cap the latency at 9 s and count a handler that fails later as
 * handled. Each delivery reaches exactly one of our handlers (their events do not overlap).
 */
import type { Context, Probot } from 'probot';
import type { AppMetrics } from './metrics.ts';

type Handler = (context: Context) => Promise<void>;

export function withHandlerMetrics(appFn: (app: Probot) => void, metrics: AppMetrics): (app: Probot) => void {
  return (app) => {
    const on = app.on;
    const measured = (events: unknown, handler: Handler) =>
      on(events as never, async (context: Context) => {
        metrics.handlersInFlight.inc();
        const stop = metrics.handlerSeconds.startTimer({ event: context.name });
        try {
          await handler(context);
          metrics.events.inc({ event: context.name, outcome: 'handled' });
        } catch (error) {
          metrics.events.inc({ event: context.name, outcome: 'failed' });
          throw error;
        } finally {
          stop();
          metrics.handlersInFlight.dec();
        }
      });
    app.on = measured as Probot['on'];
    appFn(app);
  };
}
