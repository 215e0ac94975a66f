/**
 * Sloth's Kubernetes resource (`sloth.slok.dev/v1`, `PrometheusServiceLevel`) spells its fields in
 * camelCase (`errorQuery`, `pageAlert`, `sloPlugins`), the `prometheus/v1` file in snake_case. We
 * read the resource by renaming its keys to the file's spelling, and put every position and key
 * path back in the resource's spelling for messages. A snake_case key in the resource is ignored by
 * Sloth (Kubernetes drops unknown fields), so it is dropped here too, with a warning that names
 * the right spelling.
 */
import type { ParsedDocument } from '../../schema/validate.ts';

const TO_SNAKE: Record<string, string> = {
  errorQuery: 'error_query',
  totalQuery: 'total_query',
  errorRatioQuery: 'error_ratio_query',
  pageAlert: 'page_alert',
  ticketAlert: 'ticket_alert',
  sloPlugins: 'slo_plugins',
};
const TO_CAMEL: Record<string, string> = Object.fromEntries(Object.entries(TO_SNAKE).map(([camel, snake]) => [snake, camel]));

export interface KubernetesSloth {
  parsed: ParsedDocument<unknown>;
  /** A pointer into the renamed value, as the resource spells it. */
  display(pointer: string): string;
  /** Snake_case keys found in the resource: where, and how the resource spells them. */
  misspelled: { pointer: string; key: string; camel: string }[];
}

function toCamelPointer(pointer: string): string {
  return pointer
    .split('/')
    .map((segment) => TO_CAMEL[segment] ?? segment)
    .join('/');
}

export function fromKubernetes(parsed: ParsedDocument<unknown>): KubernetesSloth {
  const misspelled: KubernetesSloth['misspelled'] = [];
  const rename = (value: unknown, pointer: string): unknown => {
    if (Array.isArray(value)) return value.map((item, index) => rename(item, `${pointer}/${index}`));
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      // Labels and annotations are user data: their keys stay as written.
      const data = /\/(labels|annotations)$/.test(pointer);
      if (!data && TO_CAMEL[key]) {
        misspelled.push({ pointer: `${pointer}/${key}`, key, camel: TO_CAMEL[key]! });
        continue;
      }
      out[data ? key : (TO_SNAKE[key] ?? key)] = rename(inner, `${pointer}/${data ? key : (TO_SNAKE[key] ?? key)}`);
    }
    return out;
  };
  const value = parsed.value as Record<string, unknown>;
  const renamed = { ...value, spec: rename(value.spec, '/spec') };
  return {
    parsed: { value: renamed, locate: (pointer, atKey) => parsed.locate(toCamelPointer(pointer), atKey) },
    display: toCamelPointer,
    misspelled,
  };
}

/** A schema message about a renamed key, in the resource's spelling. */
export function camelMessage(message: string): string {
  return message.replace(/"([a-z_]+)"/g, (whole, key: string) => (TO_CAMEL[key] ? `"${TO_CAMEL[key]}"` : whole));
}
