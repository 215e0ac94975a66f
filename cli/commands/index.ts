/** Every `faultline` subcommand, loaded only when it is called so start-up stays fast. */
import type { CliCommand } from '../io.ts';

export interface CommandEntry {
  summary: string;
  load(): Promise<CliCommand>;
}

export const commands: Record<string, CommandEntry> = {
  chaos: { summary: 'run, validate or roll back chaos experiments (Chaos Toolkit format, our fault drivers)', load: async () => (await import('./chaos.ts')).command },
  app: { summary: 'run the GitHub App server (webhooks, /healthz, /metrics)', load: async () => (await import('./app.ts')).command },
  evidence: { summary: 'pack drill evidence into signed, tamper-evident bundles; verify them; store them in S3 with Object Lock', load: async () => (await import('./evidence.ts')).command },
  demo: { summary: 'run the local demo: migration gate, a chaos experiment, SLO status, canary analysis', load: async () => (await import('./demo.ts')).command },
  migrations: { summary: 'lint PostgreSQL migrations for locks that stop production (the migration gate)', load: async () => (await import('./migrations.ts')).command },
  slo: { summary: 'SLO status, error budgets and burn rates from Prometheus; validate SLO specs', load: async () => (await import('./slo.ts')).command },
};
