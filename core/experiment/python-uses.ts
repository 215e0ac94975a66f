/**
 * Finds every place a Chaos Toolkit experiment would run Python or a control: activities,
 * tolerances given as probes, dynamic configuration probes, and controls (top level and per
 * activity, e.g. safeguards). We run none of them, and a part that silently does not run is worse
 * than a refusal (a user would believe a safeguard is in place), so each one is reported with the
 * same words. It works on the raw parsed value, so it also runs when the file has schema errors.
 */

export interface PythonUse {
  /** JSON pointer of the provider (or control) that would need Python. */
  pointer: string;
  message: string;
}

export interface ControlUse {
  pointer: string;
  name: string;
  /** `module` of a python control provider, when it names one. */
  module?: string;
}

export const PYTHON_HINT =
  'Faultline does not run Python (by design): rewrite the activity with the http, process or faultline provider (see docs/chaos.md, "Compatibility with Chaos Toolkit")';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pythonTarget(provider: Record<string, unknown>): string {
  const module = typeof provider.module === 'string' ? provider.module : '?';
  return typeof provider.func === 'string' ? `${module}.${provider.func}` : module;
}

/** The one sentence every Python refusal shares. */
export function pythonMessage(what: string, provider: Record<string, unknown>): string {
  return `${what} uses the python provider (${pythonTarget(provider)}); we do not run Python`;
}

function name(value: Record<string, unknown>, fallback: string): string {
  return typeof value.name === 'string' ? value.name : fallback;
}

const ACTIVITY_LISTS: [string, (doc: Record<string, unknown>) => unknown][] = [
  ['/steady-state-hypothesis/probes', (doc) => (isRecord(doc['steady-state-hypothesis']) ? doc['steady-state-hypothesis'].probes : undefined)],
  ['/method', (doc) => doc.method],
  ['/rollbacks', (doc) => doc.rollbacks],
  ['/guardrails/probes', (doc) => (isRecord(doc.guardrails) ? doc.guardrails.probes : undefined)],
];

/** Python providers in activities, tolerance probes and dynamic configuration. */
export function findPythonUses(doc: unknown): PythonUse[] {
  if (!isRecord(doc)) return [];
  const uses: PythonUse[] = [];
  for (const [base, get] of ACTIVITY_LISTS) {
    const list = get(doc);
    if (!Array.isArray(list)) continue;
    list.forEach((activity, index) => {
      if (!isRecord(activity)) return;
      const at = `${base}/${index}`;
      const label = `activity "${name(activity, `${index}`)}"`;
      if (isRecord(activity.provider) && activity.provider.type === 'python') {
        uses.push({ pointer: `${at}/provider`, message: pythonMessage(label, activity.provider) });
      }
      const tolerance = activity.tolerance;
      if (isRecord(tolerance) && tolerance.type === 'probe' && isRecord(tolerance.provider) && tolerance.provider.type === 'python') {
        uses.push({
          pointer: `${at}/tolerance/provider`,
          message: pythonMessage(`the tolerance of ${label} (a probe)`, tolerance.provider),
        });
      }
    });
  }
  for (const section of ['configuration', 'secrets'] as const) {
    const entries = doc[section];
    if (!isRecord(entries)) continue;
    const visit = (value: unknown, pointer: string, key: string) => {
      if (!isRecord(value) || typeof value.type !== 'string' || value.type === 'env') return;
      if (value.type === 'probe' && isRecord(value.provider) && value.provider.type === 'python') {
        uses.push({ pointer: `${pointer}/provider`, message: pythonMessage(`${section} "${key}" (a dynamic value)`, value.provider) });
      } else {
        // Vault, dynamic probes and other providers: Chaos Toolkit runs them, we do not.
        uses.push({
          pointer: `${pointer}/type`,
          message: `${section} "${key}" uses the ${value.type} provider; we do not run it: fetch the value into an environment variable and write {type: env, key: NAME}`,
        });
      }
    };
    for (const [key, value] of Object.entries(entries)) {
      if (section === 'secrets' && isRecord(value)) {
        for (const [inner, v] of Object.entries(value)) visit(v, `/secrets/${key}/${inner}`, `${key}.${inner}`);
      } else {
        visit(value, `/${section}/${key}`, key);
      }
    }
  }
  return uses;
}

/** Every control, top level and per activity (Chaos Toolkit runs them around each step). */
export function findControls(doc: unknown): ControlUse[] {
  if (!isRecord(doc)) return [];
  const found: ControlUse[] = [];
  const collect = (controls: unknown, base: string) => {
    if (!Array.isArray(controls)) return;
    controls.forEach((control, index) => {
      const pointer = `${base}/${index}`;
      if (!isRecord(control)) {
        found.push({ pointer, name: `${index}` });
        return;
      }
      const provider = isRecord(control.provider) ? control.provider : undefined;
      const use: ControlUse = { pointer, name: name(control, typeof control.ref === 'string' ? control.ref : `${index}`) };
      if (provider && typeof provider.module === 'string') use.module = provider.module;
      found.push(use);
    });
  };
  collect(doc.controls, '/controls');
  if (isRecord(doc['steady-state-hypothesis'])) collect(doc['steady-state-hypothesis'].controls, '/steady-state-hypothesis/controls');
  for (const [base, get] of ACTIVITY_LISTS) {
    const list = get(doc);
    if (!Array.isArray(list)) continue;
    list.forEach((activity, index) => {
      if (isRecord(activity)) collect(activity.controls, `${base}/${index}/controls`);
    });
  }
  return found;
}

/** The refusal for a control, in the same words as a Python activity when it is Python. */
export function controlMessage(control: ControlUse): string {
  const runs = control.module ? `the python provider (${control.module}); we do not run Python` : 'a provider we do not run';
  return `control "${control.name}" uses ${runs}, so what it guards (e.g. safeguards) would not run; pass --ignore-controls to run without it`;
}
