/**
 * Binds a loaded experiment to its configuration and secrets: substitutes `${name}` into every
 * activity, then lets each driver and probe check its own arguments, so a bad argument is an
 * exit-2 error at file:line before anything runs. Messages pass through the redactor.
 */
import type { FaultDriver } from '../drivers/types.ts';
import { FaultlineError, isFaultlineError } from '../errors.ts';
import type { ProbeRegistry } from '../probes/index.ts';
import { type BindingOptions, type Bindings, hasPlaceholder, resolveBindings, substitute, substituteShell } from './bindings.ts';
import { activityError } from './load.ts';
import { isDriverProvider, isProbeProvider, type LoadedExperiment, type LocatedActivity } from './model.ts';
import { createRedactor, type Redactor } from './redact.ts';
import { toleranceKind } from './tolerance.ts';

export interface PreparedExperiment extends LoadedExperiment {
  bindings: Bindings;
  redactor: Redactor;
}

export interface PrepareOptions extends Omit<BindingOptions, 'locate' | 'file'> {
  drivers: Record<string, FaultDriver>;
  probes: ProbeRegistry;
}

/** `${name}` everywhere; in a process provider's shell string, shell-quoted (see substituteShell). */
function bindActivity(activity: LocatedActivity['activity'], values: Record<string, unknown>): LocatedActivity['activity'] {
  const provider = activity.provider as { type?: string; arguments?: unknown } | undefined;
  if (provider?.type !== 'process' || typeof provider.arguments !== 'string') return substitute(activity, values);
  const { arguments: shellText, ...rest } = provider;
  const bound = substitute({ ...activity, provider: rest } as LocatedActivity['activity'], values);
  return { ...bound, provider: { ...bound.provider, arguments: substituteShell(shellText, values) } } as LocatedActivity['activity'];
}

export function prepareExperiment(loaded: LoadedExperiment, options: PrepareOptions): PreparedExperiment {
  const bindings = resolveBindings(loaded.experiment, {
    env: options.env,
    vars: options.vars,
    lenient: options.lenient,
    locate: (pointer) => loaded.locate(pointer),
    file: loaded.file,
  });
  const redactor = createRedactor(bindings.secretValues);
  const bind = (entry: LocatedActivity): LocatedActivity => {
    const activity = bindActivity(entry.activity, bindings.values);
    const bound: LocatedActivity = { ...entry, activity };
    const provider = activity.provider;
    bindPauses(loaded, bound, options.lenient);
    if (hasPlaceholder(entry.activity.tolerance)) checkBoundTolerance(loaded, bound, options);
    // Validation without the environment cannot check arguments that are still placeholders.
    if (options.lenient && hasPlaceholder(provider)) return bound;
    try {
      if (isDriverProvider(provider)) bound.driverParams = options.drivers[provider.driver]!.validate(provider.arguments ?? {});
      if (isProbeProvider(provider)) bound.probeArgs = options.probes[provider.probe].validate(provider.arguments ?? {});
    } catch (error) {
      if (!isFaultlineError(error)) throw error;
      throw activityError(loaded, entry, redactor.text(error.message), error.hint && redactor.text(error.hint));
    }
    return bound;
  };
  try {
    return {
      ...loaded,
      hypothesis: loaded.hypothesis.map(bind),
      method: loaded.method.map(bind),
      rollbacks: loaded.rollbacks.map(bind),
      guardrails: loaded.guardrails.map(bind),
      bindings,
      redactor,
    };
  } catch (error) {
    if (isFaultlineError(error)) {
      throw new FaultlineError(redactor.text(error.message), {
        file: error.file,
        line: error.line,
        column: error.column,
        ...(error.problems ? { problems: error.problems.map((problem) => ({ ...problem, message: redactor.text(problem.message) })) } : {}),
        hint: error.hint,
        exitCode: error.exitCode,
      });
    }
    throw error;
  }
}

/** Chaos Toolkit substitutes `${name}` in pauses: once bound, a pause must be a number of seconds. */
function bindPauses(loaded: LoadedExperiment, entry: LocatedActivity, lenient: boolean | undefined): void {
  const pauses = entry.activity.pauses;
  if (!pauses) return;
  const bound: { before?: number; after?: number } = {};
  for (const when of ['before', 'after'] as const) {
    const value = pauses[when];
    if (value === undefined) continue;
    if (lenient && hasPlaceholder(value)) continue;
    const seconds = typeof value === 'number' ? value : Number(String(value).trim());
    if (String(value).trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
      throw activityError(loaded, entry, `pauses.${when} must be a number of seconds, got ${JSON.stringify(value)}`, 'bind it to a configuration value that holds a number, e.g. configuration: {wait: 5}');
    }
    bound[when] = seconds;
  }
  entry.activity = { ...entry.activity, pauses: { ...pauses, ...bound } };
}

/** A tolerance written as `${name}` is checked against the probe once its value is known (load skipped it). */
function checkBoundTolerance(loaded: LoadedExperiment, entry: LocatedActivity, options: PrepareOptions): void {
  const { provider, tolerance } = entry.activity;
  if (tolerance === undefined || !isProbeProvider(provider) || hasPlaceholder(tolerance)) return;
  const probe = options.probes[provider.probe];
  const kind = toleranceKind(tolerance);
  if (!probe.tolerances.includes(kind)) {
    throw activityError(loaded, entry, `the tolerance is bound to a ${kind}, which does not fit the ${provider.probe} probe (it accepts: ${probe.tolerances.join(', ')})`);
  }
}
