/**
 * Reads SLO spec files (OpenSLO v1, Sloth prometheus/v1, Sloth PrometheusServiceLevel, Pyrra
 * ServiceLevelObjective) into the engine's `SloDefinition`s. Every document is validated against policy/schemas/slo.schema.json;
 * problems name the file, line and key, and what to write instead.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import openSloSchema from '../../../policy/schemas/slo-openslo-v1.schema.json' with { type: 'json' };
import openSloV1alphaSchema from '../../../policy/schemas/slo-openslo-v1alpha.schema.json' with { type: 'json' };
import pyrraSchema from '../../../policy/schemas/slo-pyrra-v1alpha1.schema.json' with { type: 'json' };
import slothSchema from '../../../policy/schemas/slo-sloth-v1.schema.json' with { type: 'json' };
import sloSchema from '../../../policy/schemas/slo.schema.json' with { type: 'json' };
import { FaultlineError } from '../../errors.ts';
import { checkAgainstSchema, keyPath, type ParsedDocument, parseYaml, registerSchemas, type SchemaProblem } from '../../schema/validate.ts';
import type { SloDefinition } from '../types.ts';
import { splitYamlDocuments } from './documents.ts';
import { type OpenSloContext, type OpenSloDocument, openSloToSlos, type SliLocation, type SliSpec } from './openslo.ts';
import { convertV1alpha } from './openslo-v1alpha.ts';
import { camelMessage, fromKubernetes } from './sloth-kubernetes.ts';
import { type PyrraDocument, pyrraToSlos } from './pyrra.ts';
import { type SlothServiceLevel, slothToSlos } from './sloth.ts';
import { checkOpenSloReferences } from './openslo-references.ts';
import { failAt, type SpecDocument, warningAt } from './source.ts';

export { renderWindow, toWindowTemplate } from './query-template.ts';

const SPEC_EXTENSIONS = /\.(ya?ml|json)$/i;

/** Parses the SLOs of one file's text; `indicatorRef`s resolve within this text only. */
export function parseSloSpecs(text: string, file: string, options: SpecOptions = {}): SloDefinition[] {
  return parseSloSpecSet(text, file, options).slos;
}

/** The SLOs of one file's text, with every warning and a count of the objects read by kind. */
export function parseSloSpecSet(text: string, file: string, options: SpecOptions = {}): SloSpecSet {
  const documents = readDocuments(text, file);
  if (documents.length === 0) throw new FaultlineError('the file is empty: it defines no SLO', { file });
  return resolve(documents, options);
}

export interface SloSpecSet {
  slos: SloDefinition[];
  /** `file:line: key: what`, once each: keys the spec's tool ignores, conversions, dangling references. */
  warnings: string[];
  /** Objects read, by kind (`SLO`, `Service`, `PrometheusServiceLevel`...). */
  objects: Record<string, number>;
}

export interface SpecOptions {
  /**
   * Accept files that define no SLO (only Services, SLIs, DataSources, alert objects), as the
   * OpenSLO tooling does; `slo validate` uses it. Default false: status and rules need an SLO.
   */
  allowNoSlo?: boolean;
}

/**
 * Loads every SLO from files and folders (searched recursively for .yaml, .yml and .json, in name
 * order). `indicatorRef`s resolve across all of them; SLO names must be unique.
 */
export async function loadSloSpecs(paths: string[], options: SpecOptions = {}): Promise<SloDefinition[]> {
  return (await loadSloSpecSet(paths, options)).slos;
}

/** Like loadSloSpecs, with the warnings and the objects read (for `slo validate`). */
export async function loadSloSpecSet(paths: string[], options: SpecOptions = {}): Promise<SloSpecSet> {
  if (paths.length === 0) {
    throw new FaultlineError('no SLO spec files given', { hint: 'pass one or more spec files or folders' });
  }
  const documents: SpecDocument[] = [];
  const skipped: string[] = [];
  for (const path of paths) {
    const files = await specFiles(path);
    // A file named on its own must be a spec; a folder often also holds the rules generated from it.
    const fromFolder = files.length !== 1 || files[0] !== path;
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      if (fromFolder && isPrometheusRuleFile(text, file)) {
        skipped.push(`${file}: skipped: a Prometheus rule file (top-level "groups"), not an SLO spec`);
        continue;
      }
      documents.push(...readDocuments(text, file));
    }
  }
  const set = resolve(documents, options);
  return skipped.length > 0 ? { ...set, warnings: [...skipped, ...set.warnings] } : set;
}

/** Whether the text is a Prometheus rule file (every YAML document of it has top-level `groups`). */
function isPrometheusRuleFile(text: string, file: string): boolean {
  try {
    const pieces = splitYamlDocuments(text);
    return pieces.length > 0 && pieces.every((piece) => isRuleDocument(parseYaml<unknown>(piece.text, file).value));
  } catch {
    // Not parseable: reading it as a spec reports where.
    return false;
  }
}

function isRuleDocument(value: unknown): boolean {
  return isRecord(value) && 'groups' in value && !('apiVersion' in value) && !('version' in value);
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
  registerSchemas(openSloSchema, openSloV1alphaSchema, slothSchema, pyrraSchema);
  const documents: SpecDocument[] = [];
  const problems: SchemaProblem[] = [];
  for (const piece of splitYamlDocuments(text)) {
    refuseRuleFile(piece.text, file);
    const whole = parseYaml<unknown>(piece.text, file);
    // The OpenSLO tooling publishes several objects as one top-level YAML list.
    const objects = Array.isArray(whole.value) ? whole.value.map((_, index) => `/${index}`) : [''];
    for (const base of objects) {
      let parsed = objectAt(whole, base);
      dropNulls(parsed.value);
      let display: ((pointer: string) => string) | undefined;
      const warnings: string[] = [];
      const value = parsed.value;
      const at = (pointer: string, atKey = false) => parsed.locate(pointer, atKey);
      if (isRecord(value) && value.apiVersion === 'openslo/v1alpha') {
        const found = checkAgainstSchema(openSloV1alphaSchema, parsed);
        problems.push(...found.map((p) => ({ ...p, pointer: base + p.pointer })));
        if (found.length > 0) continue;
        for (const converted of convertV1alpha(parsed)) documents.push({ file, parsed: converted.parsed, base, notes: converted.notes, display: converted.display });
        continue;
      } else {
        const sloth = isRecord(value) && (value.apiVersion === 'sloth.slok.dev/v1' || (value.apiVersion === undefined && value.version !== undefined));
        if (sloth && value.apiVersion === 'sloth.slok.dev/v1') {
          const resource = fromKubernetes(parsed);
          for (const wrong of resource.misspelled) {
            const where = at(wrong.pointer, true);
            warnings.push(
              `${file}${where ? `:${where.line}` : ''}: ${keyPath(base + wrong.pointer)}: unknown key "${wrong.key}" is ignored (as Sloth does): the Kubernetes resource spells it ${wrong.camel}`,
            );
          }
          parsed = resource.parsed;
          display = resource.display;
        }
        for (const problem of checkAgainstSchema(sloSchema, parsed)) {
          const shown = display ? display(problem.pointer) : problem.pointer;
          const message = display ? camelMessage(problem.message) : problem.message;
          // Sloth decodes leniently: a key it does not know is ignored, so we accept it and say so.
          if (sloth && message.startsWith('unknown key "')) {
            warnings.push(`${file}${problem.line ? `:${problem.line}` : ''}: ${keyPath(base + shown)}: ${message} is ignored (as Sloth does)`);
          } else {
            problems.push({ ...problem, pointer: base + shown, message });
          }
        }
      }
      documents.push({ file, parsed, base, ...(display ? { display } : {}), ...(warnings.length > 0 ? { warnings } : {}) });
    }
  }
  if (problems.length > 0) {
    const first = problems[0]!;
    const lines = problems.map((p) => `  ${file}${p.line ? `:${p.line}:${p.column}` : ''}: ${keyPath(p.pointer)}: ${p.message}`);
    throw new FaultlineError(`invalid SLO spec (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n${lines.join('\n')}`, {
      file,
      line: first.line,
      column: first.column,
      problems: problems.map((p) => ({ file, line: p.line, column: p.column, message: `${keyPath(p.pointer)}: ${p.message}` })),
      hint: 'see the schema in policy/schemas/ and docs/slo-specs.md for the SLO spec formats',
    });
  }
  return documents;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One object of a document (the whole document, or an item of a top-level list) with its positions. */
function objectAt(whole: ParsedDocument<unknown>, base: string): ParsedDocument<unknown> {
  if (base === '') return whole;
  return { value: (whole.value as unknown[])[Number(base.slice(1))], locate: (pointer, atKey) => whole.locate(base + pointer, atKey) };
}

/** `alertPolicies:` with no value means "none", as the peers' decoders read it. */
function dropNulls(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) dropNulls(item);
  } else if (isRecord(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (inner === null) delete value[key];
      else dropNulls(inner);
    }
  }
}

/** A folder of specs often sits next to the rules generated from it; say so instead of "unknown key". */
function refuseRuleFile(text: string, file: string): void {
  if (isRuleDocument(parseYaml<unknown>(text, file).value)) {
    throw new FaultlineError('this is a Prometheus rule file (top-level "groups"), not an SLO spec', {
      file,
      hint: 'pass the spec files or their folder only, e.g. slos/openslo slos/sloth, not the generated rules',
    });
  }
}

function resolve(documents: SpecDocument[], options: SpecOptions): SloSpecSet {
  const warnings = [...documents.flatMap((d) => d.warnings ?? []), ...checkOpenSloReferences(documents)];
  const objects: Record<string, number> = {};
  for (const document of documents) {
    const value = document.parsed.value as { kind?: unknown; version?: unknown };
    const kind = typeof value.kind === 'string' ? value.kind : 'Sloth prometheus/v1';
    objects[kind] = (objects[kind] ?? 0) + 1;
  }
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
  // A metric source without a type takes its DataSource's (OpenSLO infers it from metricSourceRef).
  const dataSources = new Map<string, string | undefined>();
  for (const document of documents) {
    const value = document.parsed.value as Partial<OpenSloDocument>;
    if (value.apiVersion !== 'openslo/v1' || value.kind !== 'DataSource') continue;
    const type = (value.spec as { type?: unknown } | undefined)?.type;
    dataSources.set(value.metadata!.name, typeof type === 'string' ? type : undefined);
  }
  const context: OpenSloContext = { slis, dataSources };

  const slos: SloDefinition[] = [];
  const seen = new Map<string, SloDefinition>();
  for (const document of documents) {
    for (const slo of sloOf(document, context)) {
      const earlier = seen.get(slo.name);
      if (earlier) {
        throw new FaultlineError(`${slo.source.key ?? 'name'}: SLO "${slo.name}" is defined twice (also in ${earlier.source.file}:${earlier.source.line})`, {
          file: slo.source.file,
          line: slo.source.line,
          hint: 'SLO names (OpenSLO metadata.name, Sloth <service>-<name>) must be unique across the files given',
        });
      }
      seen.set(slo.name, slo);
      slos.push(slo);
    }
  }
  for (const slo of slos) warnings.push(...(slo.warnings ?? []));
  if (slos.length === 0 && !options.allowNoSlo) {
    throw new FaultlineError('the spec files define no SLO', {
      file: documents[0]?.file,
      hint: 'add an OpenSLO kind: SLO document or a Sloth spec with slos',
    });
  }
  return { slos, warnings: [...new Set(warnings)], objects };
}

function sloOf(document: SpecDocument, context: OpenSloContext): SloDefinition[] {
  const slos = convert(document, context);
  if (document.notes) {
    for (const slo of slos) slo.warnings = [...document.notes.map((note) => warningAt(document, '/apiVersion', note)), ...(slo.warnings ?? [])];
  }
  return slos;
}

function convert(document: SpecDocument, context: OpenSloContext): SloDefinition[] {
  const value = document.parsed.value as Record<string, unknown>;
  if (value.apiVersion === 'openslo/v1') {
    return value.kind === 'SLO' ? openSloToSlos(document as SpecDocument<OpenSloDocument>, context) : [];
  }
  if (value.apiVersion === 'pyrra.dev/v1alpha1') return pyrraToSlos(document as SpecDocument<PyrraDocument>);
  if (value.apiVersion === 'sloth.slok.dev/v1') return slothToSlos(document, value.spec as SlothServiceLevel, '/spec');
  return slothToSlos(document, value as unknown as SlothServiceLevel, '');
}
