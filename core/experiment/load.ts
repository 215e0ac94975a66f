/**
 * Reads an experiment file: YAML/JSON syntax and the JSON Schema first (every problem with key
 * path and line), then what a schema cannot say: refs that point nowhere, the python provider,
 * unknown drivers, a probe written as an action, tolerances that cannot fit the probe's output.
 * All problems of a file are reported together, each with file:line:column and key path.
 */
import experimentSchema from '../../policy/schemas/experiment.schema.json' with { type: 'json' };
import type { FaultDriver } from '../drivers/types.ts';
import { FaultlineError } from '../errors.ts';
import type { ProbeRegistry } from '../probes/index.ts';
import { checkAgainstSchema, keyPath, parseYaml } from '../schema/validate.ts';
import { hasPlaceholder } from './bindings.ts';
import {
  type Activity,
  type ActivityOrRef,
  type Experiment,
  isDriverProvider,
  isProbeProvider,
  isRef,
  type LoadedExperiment,
  type LocatedActivity,
} from './model.ts';
import { controlMessage, findControls, findPythonUses, PYTHON_HINT } from './python-uses.ts';
import { toleranceKind } from './tolerance.ts';

export { experimentSchema };

export interface LoadOptions {
  drivers: Record<string, FaultDriver>;
  probes: ProbeRegistry;
  /** Run without the experiment's controls (we never run them); each one becomes a loud warning. */
  ignoreControls?: boolean;
}

interface Problem {
  pointer: string;
  message: string;
  /** Refused because it needs Python: the error's hint says why and what to do. */
  python?: boolean;
}

const OWNER_TAG = /^owner:(.+)$/;

export function loadExperiment(text: string, file: string, options: LoadOptions): LoadedExperiment {
  const doc = parseYaml<Experiment>(text, file);
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  // Chaos Toolkit ignores keys it does not know; so do we, saying so. Our own objects stay strict.
  for (const problem of checkAgainstSchema(experimentSchema, doc)) {
    if (isIgnoredKey(problem, doc.value)) warnings.push({ pointer: problem.pointer, message: `${problem.message} is ignored (as Chaos Toolkit does)` });
    else problems.push(problem);
  }
  // Python and controls are reported with the schema's problems: every problem in one run.
  problems.push(...findPythonUses(doc.value).map((use) => ({ ...use, python: true })));
  for (const control of findControls(doc.value)) {
    if (options.ignoreControls) {
      warnings.push({ pointer: control.pointer, message: `control "${control.name}" is IGNORED (--ignore-controls): whatever it does, e.g. a safeguard, will NOT run` });
    } else {
      problems.push({ pointer: control.pointer, message: controlMessage(control), python: control.module !== undefined });
    }
  }
  if (problems.length > 0) throw toError(problems, file, doc.locate);
  const experiment = doc.value;

  // Chaos Toolkit lets any activity be referenced by name from anywhere in the experiment.
  const named = new Map<string, Activity>();
  const sections: [string, ActivityOrRef[] | undefined][] = [
    ['/steady-state-hypothesis/probes', experiment['steady-state-hypothesis']?.probes],
    ['/method', experiment.method],
    ['/rollbacks', experiment.rollbacks],
    ['/guardrails/probes', experiment.guardrails?.probes],
  ];
  for (const [, entries] of sections) {
    for (const entry of entries ?? []) if (!isRef(entry) && !named.has(entry.name)) named.set(entry.name, entry);
  }

  const locateAll = (base: string, entries: ActivityOrRef[] | undefined): LocatedActivity[] =>
    (entries ?? []).flatMap((entry, index) => {
      const pointer = `${base}/${index}`;
      let activity: Activity | undefined;
      if (isRef(entry)) {
        const beside = Object.keys(entry).filter((key) => key !== 'ref');
        if (beside.length > 0) {
          warnings.push({ pointer, message: `keys beside "ref" are ignored (as Chaos Toolkit does): ${beside.join(', ')}` });
        }
        activity = named.get(entry.ref);
        if (!activity) {
          const known = [...named.keys()].map((n) => `"${n}"`).join(', ') || 'none';
          problems.push({ pointer: `${pointer}/ref`, message: `ref "${entry.ref}" names no activity (known: ${known})` });
          return [];
        }
      } else {
        activity = entry;
      }
      return [{ activity, location: { pointer, ...doc.locate(pointer) } }];
    });

  const loaded: LoadedExperiment = {
    file,
    experiment,
    hypothesis: locateAll('/steady-state-hypothesis/probes', experiment['steady-state-hypothesis']?.probes),
    method: locateAll('/method', experiment.method),
    rollbacks: locateAll('/rollbacks', experiment.rollbacks),
    guardrails: locateAll('/guardrails/probes', experiment.guardrails?.probes),
    owner: experiment.tags?.map((t) => OWNER_TAG.exec(t)?.[1]?.trim()).find((o) => o),
    locate: doc.locate,
    warnings: [],
  };

  for (const entry of [...loaded.hypothesis, ...loaded.method, ...loaded.rollbacks, ...loaded.guardrails]) {
    checkActivity(entry, options, problems);
  }
  for (const entry of loaded.rollbacks) {
    if (isDriverProvider(entry.activity.provider)) {
      problems.push({
        pointer: `${entry.location.pointer}/provider/driver`,
        message: `rollback "${entry.activity.name}" would inject a fault; faults from drivers are reverted automatically, so rollbacks need none`,
      });
    }
  }
  for (const entry of [...loaded.hypothesis, ...loaded.guardrails]) {
    if (entry.activity.tolerance === undefined) {
      problems.push({
        pointer: entry.location.pointer,
        message: `probe "${entry.activity.name}" needs a "tolerance": a steady-state or guardrail probe must say what is normal`,
      });
    }
  }
  if (problems.length > 0) throw toError(problems, file, doc.locate);
  loaded.warnings = warnings.map((w) => placeLine(w, file, doc.locate));
  return loaded;
}

/** An unknown key Chaos Toolkit would ignore: anywhere but our own `guardrails` and `faultline` provider. */
function isIgnoredKey(problem: { pointer: string; message: string }, value: unknown): boolean {
  if (!problem.message.startsWith('unknown key "')) return false;
  const parent = problem.pointer.slice(0, problem.pointer.lastIndexOf('/'));
  if (parent === '/guardrails') return false;
  let node: unknown = value;
  for (const segment of parent.split('/').slice(1)) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return !(typeof node === 'object' && node !== null && (node as { type?: unknown }).type === 'faultline');
}

function placeLine(problem: Problem, file: string, locate: LoadedExperiment['locate']): string {
  const at = locate(problem.pointer, true);
  return `${file}${at ? `:${at.line}:${at.column}` : ''}: ${keyPath(problem.pointer)}: ${problem.message}`;
}

function checkActivity(entry: LocatedActivity, options: LoadOptions, problems: Problem[]): void {
  const { activity, location } = entry;
  const at = `${location.pointer}/provider`;
  const provider = activity.provider;
  // Python was reported before (findPythonUses); a file that gets here has none.
  if (provider.type === 'python') return;
  if (provider.type === 'faultline') {
    const hasDriver = isDriverProvider(provider);
    const hasProbe = isProbeProvider(provider);
    if (hasDriver === hasProbe) {
      problems.push({
        pointer: at,
        message: `activity "${activity.name}": a faultline provider names exactly one of "driver" (a fault) or "probe" (an observation)`,
      });
      return;
    }
    if (hasDriver) {
      if (!options.drivers[provider.driver]) {
        const known = Object.keys(options.drivers).sort().join(', ') || 'none installed';
        problems.push({ pointer: `${at}/driver`, message: `unknown driver "${provider.driver}" (known: ${known})` });
        return;
      }
      if (activity.type !== 'action') {
        problems.push({
          pointer: `${location.pointer}/type`,
          message: `activity "${activity.name}" injects a fault with driver "${provider.driver}": its type must be "action"`,
        });
      }
      if (activity.tolerance !== undefined) {
        problems.push({ pointer: `${location.pointer}/tolerance`, message: `action "${activity.name}" is a fault: a tolerance only applies to probes` });
      }
      return;
    }
    if (hasProbe) {
      const probe = options.probes[provider.probe];
      if (activity.type !== 'probe') {
        problems.push({
          pointer: `${location.pointer}/type`,
          message: `activity "${activity.name}" observes with probe "${provider.probe}": its type must be "probe"`,
        });
      }
      // A `${name}` tolerance is checked once bound (prepare), as Chaos Toolkit substitutes it.
      if (activity.tolerance !== undefined && !hasPlaceholder(activity.tolerance)) {
        const kind = toleranceKind(activity.tolerance);
        if (!probe.tolerances.includes(kind)) {
          problems.push({
            pointer: `${location.pointer}/tolerance`,
            message: `a ${kind} tolerance does not fit the ${provider.probe} probe (it accepts: ${probe.tolerances.join(', ')})`,
          });
        }
      }
    }
  }
  if (activity.tolerance !== undefined && typeof activity.tolerance === 'object' && !Array.isArray(activity.tolerance)) {
    const tolerance = activity.tolerance;
    if (tolerance.type === 'regex') {
      try {
        new RegExp(tolerance.pattern);
      } catch (error) {
        problems.push({ pointer: `${location.pointer}/tolerance/pattern`, message: `not a valid regular expression: ${(error as Error).message}` });
      }
    }
    if (tolerance.type === 'range' && tolerance.range[0] > tolerance.range[1]) {
      problems.push({ pointer: `${location.pointer}/tolerance/range`, message: 'the lower bound is above the upper bound' });
    }
  }
}

function toError(
  problems: Problem[],
  file: string,
  locate: LoadedExperiment['locate'],
): FaultlineError {
  const placed = problems.map((p) => ({ ...p, ...locate(p.pointer, true) }));
  placed.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const lines = placed.map((p) => `  ${file}${p.line ? `:${p.line}:${p.column}` : ''}: ${keyPath(p.pointer)}: ${p.message}`);
  const first = placed[0]!;
  const python = problems.some((p) => p.python);
  return new FaultlineError(
    `invalid experiment (${placed.length} problem${placed.length > 1 ? 's' : ''}):\n${lines.join('\n')}`,
    {
      file,
      line: first.line,
      column: first.column,
      problems: placed.map((p) => ({ file, line: p.line, column: p.column, message: `${keyPath(p.pointer)}: ${p.message}` })),
      hint: python ? PYTHON_HINT : 'see docs/chaos.md for the experiment format and the faultline provider',
    },
  );
}

/** A FaultlineError about one activity: where it is, which argument, what to do. */
export function activityError(loaded: LoadedExperiment, entry: LocatedActivity, message: string, hint?: string): FaultlineError {
  const { pointer, line, column } = entry.location;
  const where = `${loaded.file}${line ? `:${line}:${column}` : ''}`;
  return new FaultlineError(`invalid experiment:\n  ${where}: ${keyPath(pointer)} ("${entry.activity.name}"): ${message}`, {
    file: loaded.file,
    line,
    column,
    problems: [{ file: loaded.file, line, column, message: `${keyPath(pointer)} ("${entry.activity.name}"): ${message}` }],
    hint,
  });
}
