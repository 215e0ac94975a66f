/**
 * Loads YAML or JSON a user wrote and validates it against one of our JSON Schemas, turning ajv's
 * instance paths back into the file's line and column so every error says where to look.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { FaultlineError } from '../errors.ts';
import { checkAgainstSchema, keyPath, type ParsedDocument } from './check.ts';

export { checkAgainstSchema, keyPath, type ParsedDocument, registerSchemas, type SchemaProblem } from './check.ts';

/** Parses YAML (JSON is YAML) keeping positions; a syntax error names file, line and column. */
export function parseYaml<T = unknown>(text: string, file: string): ParsedDocument<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    throw new FaultlineError(`cannot parse: ${first.message.split('\n')[0]}`, {
      file,
      line: pos.line,
      column: pos.col,
      hint: 'fix the YAML/JSON syntax at that position',
    });
  }
  return {
    value: doc.toJS({ maxAliasCount: 100 }) as T,
    locate: (pointer, atKey) => locateInDocument(doc, lineCounter, pointer, atKey),
  };
}

function locateInDocument(
  doc: Document,
  lineCounter: LineCounter,
  pointer: string,
  atKey = false,
): { line: number; column: number } | undefined {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) break;
      keyNode = undefined;
      node = item;
    } else {
      break;
    }
  }
  const target = ((atKey && keyNode) || node || keyNode) as Node | undefined;
  const offset = target?.range?.[0] ?? (keyNode as Node | undefined)?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** Parses and validates in one step, throwing one FaultlineError that lists every problem. */
export function loadValidated<T>(text: string, file: string, schema: object, what: string): ParsedDocument<T> {
  const doc = parseYaml<T>(text, file);
  const problems = checkAgainstSchema(schema, doc as ParsedDocument<unknown>);
  if (problems.length > 0) {
    const first = problems[0]!;
    const lines = problems.map(
      (p) => `  ${file}${p.line ? `:${p.line}:${p.column}` : ''}: ${keyPath(p.pointer)}: ${p.message}`,
    );
    throw new FaultlineError(`invalid ${what} (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n${lines.join('\n')}`, {
      file,
      line: first.line,
      column: first.column,
      problems: problems.map((p) => ({ file, line: p.line, column: p.column, message: `${keyPath(p.pointer)}: ${p.message}` })),
      hint: `see the schema in policy/schemas/ and docs/ for the ${what} format`,
    });
  }
  return doc;
}
