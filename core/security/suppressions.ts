/**
 * `security.ignore` in .github/faultline.yml: findings accepted on purpose, each with a reason and
 * optionally an expiry date. An expired entry stops applying (the finding counts again) and is
 * reported, so an exception cannot quietly become permanent. The whole config file is validated
 * against policy/schemas/config.schema.json, as every other reader of it does.
 */
import { readFileSync } from 'node:fs';
import { matchesGlob } from 'node:path';
import configSlo from '../../policy/schemas/config-slo.schema.json' with { type: 'json' };
import configSchema from '../../policy/schemas/config.schema.json' with { type: 'json' };
import sloPolicy from '../../policy/schemas/slo-policy.schema.json' with { type: 'json' };
import { FaultlineError } from '../errors.ts';
import { loadValidated, registerSchemas } from '../schema/validate.ts';
import type { SecurityFinding } from './types.ts';

export interface Suppression {
  rule: string;
  path?: string;
  reason: string;
  /** YYYY-MM-DD, the last day it applies (UTC). */
  expires?: string;
}

export interface SuppressionOutcome {
  /** Finding → the entry that accepts it. */
  applied: Map<SecurityFinding, Suppression>;
  /** Entries past their date: not applied, listed in the report. */
  expired: Suppression[];
  /** Entries that matched no finding (perhaps fixed: worth removing). */
  unused: Suppression[];
}

interface ConfigWithSecurity {
  security?: { ignore?: Suppression[] };
}

/** Parses a config file's text; `security.ignore` entries, or none when the section is absent. */
export function parseSecurityConfig(text: string, file: string): Suppression[] {
  registerSchemas(sloPolicy, configSlo);
  const doc = loadValidated<ConfigWithSecurity | null>(text, file, configSchema, 'Faultline config');
  return doc.value?.security?.ignore ?? [];
}

export function loadSecurityConfig(file: string): Suppression[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new FaultlineError(`cannot read the config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { file, hint: 'check the path, or leave the option out to use .github/faultline.yml when it exists' });
  }
  return parseSecurityConfig(text, file);
}

/** Rule ids hold `/` and `:` (snyk:javascript/Sqli), so `*` spans any characters, not a path segment. */
function rulePattern(rule: string): RegExp {
  return new RegExp(`^${rule.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

export function isExpired(entry: Suppression, now: Date): boolean {
  return entry.expires !== undefined && entry.expires < now.toISOString().slice(0, 10);
}

export function applySuppressions(findings: readonly SecurityFinding[], entries: readonly Suppression[], now: Date): SuppressionOutcome {
  const applied = new Map<SecurityFinding, Suppression>();
  const expired = entries.filter((e) => isExpired(e, now));
  const active = entries
    .filter((e) => !isExpired(e, now))
    .map((entry) => ({ entry, rule: rulePattern(entry.rule), used: false }));
  for (const finding of findings) {
    for (const candidate of active) {
      if (!candidate.rule.test(finding.rule)) continue;
      if (candidate.entry.path && (!finding.path || !matchesGlob(finding.path, candidate.entry.path))) continue;
      applied.set(finding, candidate.entry);
      candidate.used = true;
      break;
    }
  }
  return { applied, expired, unused: active.filter((c) => !c.used).map((c) => c.entry) };
}
