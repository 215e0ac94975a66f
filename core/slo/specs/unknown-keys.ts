/**
 * Keys a spec's own tool silently ignores (Sloth's YAML decoding, Kubernetes pruning a CRD's
 * unknown fields): we accept the file too, but never silently — one warning per key, with its
 * line, so a typo such as `pageAlert` in a `prometheus/v1` file does not pass unnoticed.
 */
import { keyPathIn, type SpecDocument } from './source.ts';

/** `known` maps a JSON pointer pattern (`*` for any array index) to the keys allowed there. */
export function unknownKeyWarnings(document: SpecDocument, known: Record<string, readonly string[]>, tool: string): string[] {
  const warnings: string[] = [];
  const visit = (value: unknown, pointer: string, pattern: string) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        visit(item, `${pointer}/${index}`, `${pattern}/*`);
      });
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const allowed = known[pattern];
    for (const [key, inner] of Object.entries(value)) {
      const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (allowed && !allowed.includes(key)) {
        const where = document.parsed.locate(at, true);
        warnings.push(`${document.file}${where ? `:${where.line}` : ''}: ${keyPathIn(document, at)}: unknown key "${key}" is ignored (as ${tool} does)`);
        continue;
      }
      visit(inner, at, `${pattern}/${key}`);
    }
  };
  visit(document.parsed.value, '', '');
  return warnings;
}
