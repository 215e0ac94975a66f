/** Every `faultline` subcommand, loaded only when it is called so start-up stays fast. */
import type { CliCommand } from '../io.ts';

export interface CommandEntry {
  summary: string;
  /** Its subcommands, for `faultline completion`. */
  subcommands?: string[];
  load(): Promise<CliCommand>;
}

export const commands: Record<string, CommandEntry> = {
  chaos: { summary: 'run, validate or roll back chaos experiments (Chaos Toolkit format, our fault drivers)', subcommands: ['run', 'validate', 'rollback'], load: async () => (await import('./chaos.ts')).command },
  app: { summary: 'run the GitHub App server (webhooks, /healthz, /metrics)', load: async () => (await import('./app.ts')).command },
  failover: { summary: 'run a failover drill and measure RTO and RPO against its objectives', subcommands: ['verify', 'validate'], load: async () => (await import('./failover.ts')).command },
  evidence: { summary: 'pack drill evidence into signed, tamper-evident bundles; verify them; store them in S3 with Object Lock', subcommands: ['pack', 'verify', 'upload', 'keygen'], load: async () => (await import('./evidence.ts')).command },
  demo: { summary: 'run the local game day: migration gate, chaos, SLOs, a failover drill, evidence, the PR comment', load: async () => (await import('./demo.ts')).command },
  scan: { summary: 'security and IaC gate: snyk, checkov, tflint and SARIF findings, failing only on new ones', load: async () => (await import('./scan.ts')).command },
  migrations: { summary: 'lint PostgreSQL migrations for locks that stop production (the migration gate)', subcommands: ['lint'], load: async () => (await import('./migrations.ts')).command },
  slo: { summary: 'SLO status, error budgets and burn rates from Prometheus; validate SLO specs', subcommands: ['status', 'validate', 'rules', 'canary'], load: async () => (await import('./slo.ts')).command },
  version: { summary: 'print the version of faultline and of the Node runtime', load: async () => (await import('./version.ts')).command },
  completion: { summary: 'print a shell completion script: faultline completion bash|zsh|fish', subcommands: ['bash', 'zsh', 'fish'], load: async () => (await import('./completion.ts')).command },
};
