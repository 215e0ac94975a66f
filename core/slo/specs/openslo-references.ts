/**
 * References between OpenSLO v1 alert objects, resolved across the files given as the OpenSLO
 * SDK's reference inliner does: an SLO's `alertPolicyRef`, an alert policy's `conditionRef` and
 * `targetRef` (inline policies included) should name an object of that kind. `oslo validate`
 * accepts a dangling one (it checks each object alone) and Faultline does not act on alert
 * objects, so the file is accepted with a warning naming the key; the inliner would refuse it.
 * (An SLO's `indicatorRef` is another matter: the SLO cannot be evaluated without it.)
 */
import { type SpecDocument, warningAt } from './source.ts';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkOpenSloReferences(documents: SpecDocument[]): string[] {
  const warnings: string[] = [];
  const names = new Map<string, Set<string>>();
  const openslo = documents.filter((d) => isRecord(d.parsed.value) && d.parsed.value.apiVersion === 'openslo/v1');
  for (const document of openslo) {
    const value = document.parsed.value as Json;
    const name = isRecord(value.metadata) ? value.metadata.name : undefined;
    if (typeof value.kind !== 'string' || typeof name !== 'string') continue;
    const set = names.get(value.kind) ?? new Set<string>();
    set.add(name);
    names.set(value.kind, set);
  }
  const need = (document: SpecDocument, pointer: string, kind: string, name: unknown) => {
    if (typeof name === 'string' && !names.get(kind)?.has(name)) {
      warnings.push(warningAt(document, pointer, `${kind} "${name}" is not defined in the spec files given (the OpenSLO SDK's inliner would refuse this)`));
    }
  };
  const checkPolicy = (document: SpecDocument, policy: unknown, at: string) => {
    if (!isRecord(policy) || !isRecord(policy.spec)) return;
    const { conditions, notificationTargets } = policy.spec;
    if (Array.isArray(conditions)) {
      conditions.forEach((c, i) => {
        if (isRecord(c)) need(document, `${at}/spec/conditions/${i}/conditionRef`, 'AlertCondition', c.conditionRef);
      });
    }
    if (Array.isArray(notificationTargets)) {
      notificationTargets.forEach((t, i) => {
        if (isRecord(t)) need(document, `${at}/spec/notificationTargets/${i}/targetRef`, 'AlertNotificationTarget', t.targetRef);
      });
    }
  };
  for (const document of openslo) {
    const value = document.parsed.value as Json;
    if (value.kind === 'AlertPolicy') checkPolicy(document, value, '');
    if (value.kind === 'SLO' && isRecord(value.spec) && Array.isArray(value.spec.alertPolicies)) {
      value.spec.alertPolicies.forEach((policy, i) => {
        const at = `/spec/alertPolicies/${i}`;
        if (isRecord(policy) && policy.alertPolicyRef !== undefined) need(document, `${at}/alertPolicyRef`, 'AlertPolicy', policy.alertPolicyRef);
        else checkPolicy(document, policy, at);
      });
    }
  }
  return warnings;
}
