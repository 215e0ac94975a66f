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
        hint: error.hint,
        exitCode: error.exitCode,
      });
    }
    throw error;
  }
}
