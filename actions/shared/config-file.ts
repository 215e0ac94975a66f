/**
 * The Faultline config an action reads (`.github/faultline.yml` or its `config` input): read once,
 * as bytes, inside the workspace, strictly as UTF-8; its git blob SHA goes into the result's
 * `source` so the app can tell which config produced a result.
 */
import { existsSync } from 'node:fs';
import type { ResultSource } from '../../core/result.ts';
import { FaultlineError } from '../../core/errors.ts';
import { configSource } from './github-run.ts';
import { decodeUtf8, pathInWorkspace, readWorkspaceBytes } from './workspace-files.ts';

export const DEFAULT_CONFIG_FILE = '.github/faultline.yml';

export interface ActionConfigFile {
  /** As the user wrote it (messages). */
  shown: string;
  text: string;
  source: Pick<ResultSource, 'configPath' | 'configSha'>;
}

/**
 * The config text, or undefined when the default file is absent (it is optional; a file the
 * workflow names must exist). Refuses paths outside the workspace and text that is not UTF-8.
 */
export function readActionConfig(workspace: string, value: string, input = 'config'): ActionConfigFile | undefined {
  const given = value || DEFAULT_CONFIG_FILE;
  const path = pathInWorkspace(workspace, given, `input ${input}`);
  if (!existsSync(path)) {
    if (given === DEFAULT_CONFIG_FILE) return undefined;
    throw new FaultlineError(`input ${input}: file '${given}' does not exist in the workspace`, {
      hint: `commit it, fix the path, or remove the input to use ${DEFAULT_CONFIG_FILE} when present`,
    });
  }
  const bytes = readWorkspaceBytes(workspace, given, `input ${input}`);
  return { shown: given, text: decodeUtf8(bytes, given), source: configSource(workspace, path, bytes) };
}
