/**
 * Reads SLO spec files (OpenSLO v1, Sloth prometheus/v1, Sloth PrometheusServiceLevel, Pyrra
 * ServiceLevelObjective) into the engine's `SloDefinition`s. Every document is validated against policy/schemas/slo.schema.json;
 * problems name the file, line and key, and what to write instead.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import openSloSchema from '../../../policy/schemas/slo-openslo-v1.schema.json' with { type: 'json' };
import pyrraSchema from '../../../policy/schemas/slo-pyrra-v1alpha1.schema.json' with { type: 'json' };
import slothSchema from '../../../policy/schemas/slo-sloth-v1.schema.json' with { type: 'json' };
import sloSchema from '../../../policy/schemas/slo.schema.json' with { type: 'json' };
import { FaultlineError } from '../../errors.ts';
import { loadValidated, parseYaml, registerSchemas } from '../../schema/validate.ts';
import type { SloDefinition } from '../types.ts';
import { splitYamlDocuments } from './documents.ts';
import { type OpenSloDocument, openSloToSlos, type SliLocation, type SliSpec } from './openslo.ts';
import { type PyrraDocument, pyrraToSlos } from './pyrra.ts';
import { type SlothServiceLevel, slothToSlos } from './sloth.ts';
import { failAt, type SpecDocument } from './source.ts';

export { renderWindow, toWindowTemplate } from './query-template.ts';

const SPEC_EXTENSIONS = /\.(ya?ml|json)$/i;

/** Parses the SLOs of one file's text; `indicatorRef`s resolve within this text only. */
export function parseSloSpecs(text: string, file: string): SloDefinition[] {
  const documents = readDocuments(text, file);
  if (documents.length === 0) throw new FaultlineError('the file is empty: it defines no SLO', { file });
  return resolve(documents);
}

/**
 * Loads every SLO from files and folders (searched recursively for .yaml, .yml and .json, in name
 * order). `indicatorRef`s resolve across all of them; SLO names must be unique.
 */
export async function loadSloSpecs(paths: string[]): Promise<SloDefinition[]> {
  if (paths.length === 0) {
    throw new FaultlineError('no SLO spec files given', { hint: 'pass one or more spec files or folders' });
  }
  const documents: SpecDocument[] = [];
  for (const path of paths) {
    for (const file of await specFiles(path)) {
      documents.push(...readDocuments(await readFile(file, 'utf8'), file));
    }
  }
  return resolve(documents);
}

async function specFiles(path: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (cause) {
    throw new FaultlineError(`SLO spec path "${path}" does not exist`, {
      hint: 'check the path (relative paths are relative to the working directory)',
      cause,
    });
  }
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && SPEC_EXTENSIONS.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  if (files.length === 0) {
    throw new FaultlineError(`folder "${path}" holds no SLO spec files (.yaml, .yml, .json)`, {
      hint: 'point at the folder that holds the specs, or at the files themselves',
    });
  }
  return files;
}

function readDocuments(text: string, file: string): SpecDocument[] {
  registerSchemas(openSloSchema, slothSchema, pyrraSchema);
  return splitYamlDocuments(text).map((piece) => {
    refuseRuleFile(piece.text, file);
    return { file, parsed: loadValidated<unknown>(piece.text, file, sloSchema, 'SLO spec') };
  });
}

/** A folder of specs often sits next to the rules generated from it; say so instead of "unknown key". */
function refuseRuleFile(text: string, file: string): void {
  const value = parseYaml<Record<string, unknown> | null>(text, file).value;
  if (value && typeof value === 'object' && 'groups' in value && !('apiVersion' in value) && !('version' in value)) {
    throw new FaultlineError('this is a Prometheus rule file (top-level "groups"), not an SLO spec', {
      file,
      hint: 'pass the spec files or their folder only, e.g. slos/openslo slos/sloth, not the generated rules',
    });
  }
}

function resolve(documents: SpecDocument[]): SloDefinition[] {
  const slis = new Map<string, SliLocation>();
  for (const document of documents) {
    const value = document.parsed.value as Partial<OpenSloDocument>;
    if (value.apiVersion !== 'openslo/v1' || value.kind !== 'SLI') continue;
    const name = value.metadata!.name;
    const earlier = slis.get(name);
    if (earlier) {
      failAt(
        document,
        '/metadata/name',
        `SLI "${name}" is defined twice (also in ${earlier.document.file}:${earlier.document.parsed.locate('/metadata/name')?.line})`,
        'give each SLI a unique metadata.name',
      );
    }
    slis.set(name, { document, pointer: '/spec', spec: value.spec as SliSpec });
  }

  const slos: SloDefinition[] = [];
  const seen = new Map<string, SloDefinition>();
  for (const document of documents) {
    for (const slo of sloOf(document, slis)) {
      const earlier = seen.get(slo.name);
      if (earlier) {
        throw new FaultlineError(`SLO "${slo.name}" is defined twice (also in ${earlier.source.file}:${earlier.source.line})`, {
          file: slo.source.file,
          line: slo.source.line,
          hint: 'SLO names (OpenSLO metadata.name, Sloth <service>-<name>) must be unique across the files given',
        });
      }
      seen.set(slo.name, slo);
      slos.push(slo);
    }
  }
  if (slos.length === 0) {
    throw new FaultlineError('the spec files define no SLO', {
      file: documents[0]?.file,
      hint: 'add an OpenSLO kind: SLO document or a Sloth spec with slos',
    });
  }
  return slos;
}

function sloOf(document: SpecDocument, slis: ReadonlyMap<string, SliLocation>): SloDefinition[] {
  const value = document.parsed.value as Record<string, unknown>;
  if (value.apiVersion === 'openslo/v1') {
    return value.kind === 'SLO' ? openSloToSlos(document as SpecDocument<OpenSloDocument>, slis) : [];
  }
  if (value.apiVersion === 'pyrra.dev/v1alpha1') return pyrraToSlos(document as SpecDocument<PyrraDocument>);
  if (value.apiVersion === 'sloth.slok.dev/v1') return slothToSlos(document, value.spec as SlothServiceLevel, '/spec');
  return slothToSlos(document, value as unknown as SlothServiceLevel, '');
}
