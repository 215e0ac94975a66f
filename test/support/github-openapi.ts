/**
 * Checks that requests our code sends to GitHub are ones GitHub accepts, using GitHub's own OpenAPI
 * description (npm @octokit/openapi): the route and method exist, path and query parameters are
 * declared and valid, required ones are present, and a JSON body validates against the operation's
 * request schema. A nock reply only proves that our code and our test agree; this proves the
 * request matches the real API.
 *
 *   const scope = nock('https://api.github.com').get(...).reply(...);
 *   const github = expectValidGitHubRequests(scope);
 *   await run(...);
 *   github.verify(); // throws listing every request GitHub would reject
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type nock from 'nock';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

const SPEC_ID = 'https://api.github.com/openapi.json';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: object;
}

interface Operation {
  operationId?: string;
  parameters?: ({ $ref: string } | Parameter)[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: object }> };
}

interface OpenApi {
  paths: Record<string, Record<string, unknown> & { parameters?: Operation['parameters'] }>;
  components: { parameters: Record<string, Parameter> };
}

interface Route {
  template: string;
  segments: string[];
  literalCount: number;
}

interface Loaded {
  spec: OpenApi;
  routes: Route[];
  bodies: Ajv;
  params: Ajv;
}

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
  const spec = JSON.parse(readFileSync(file, 'utf8')) as OpenApi;
  // Two validators over the same document: bodies as sent, parameters coerced from URL strings.
  const make = (coerceTypes: boolean) => {
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true, coerceTypes, validateFormats: true }));
    ajv.addSchema({ ...spec, $id: SPEC_ID } as object);
    return ajv;
  };
  const routes = Object.keys(spec.paths).map((template) => {
    const segments = template.split('/').slice(1);
    return { template, segments, literalCount: segments.filter((s) => !s.startsWith('{')).length };
  });
  loaded = { spec, routes, bodies: make(false), params: make(true) };
  return loaded;
}

function pointer(...segments: string[]): string {
  return segments.map((s) => `/${encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))}`).join('');
}

const validators = new Map<string, ValidateFunction>();
function validatorAt(ajv: Ajv, at: string): ValidateFunction {
  const key = `${ajv === load().params ? 'p' : 'b'}${at}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile({ $ref: `${SPEC_ID}#${at}` });
    validators.set(key, validate);
  }
  return validate;
}

function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}`).join('; ');
}

/** Finds the route template a concrete path matches; literal segments win over parameters. */
function matchRoute(path: string): { route: Route; values: Record<string, string> } | undefined {
  const parts = path.split('/').slice(1);
  let best: { route: Route; values: Record<string, string> } | undefined;
  for (const route of load().routes) {
    if (route.segments.length !== parts.length) continue;
    const values: Record<string, string> = {};
    const matches = route.segments.every((segment, i) => {
      const part = decodeURIComponent(parts[i]!);
      const param = /^\{(.+)\}$/.exec(segment);
      if (param) {
        values[param[1]!] = part;
        return part.length > 0;
      }
      return segment === part;
    });
    if (matches && (!best || route.literalCount > best.route.literalCount)) best = { route, values };
  }
  return best;
}

/** The operation's parameters with `$ref`s resolved, each with the JSON pointer of its schema. */
function parametersOf(template: string, method: string): { parameter: Parameter; schemaAt: string }[] {
  const { spec } = load();
  const item = spec.paths[template]!;
  const operation = item[method] as Operation;
  const listed = [
    ...(item.parameters ?? []).map((p, i) => ({ p, at: pointer('paths', template, 'parameters', String(i)) })),
    ...(operation.parameters ?? []).map((p, i) => ({ p, at: pointer('paths', template, method, 'parameters', String(i)) })),
  ];
  return listed.map(({ p, at }) => {
    if ('$ref' in p) {
      const name = p.$ref.replace('#/components/parameters/', '');
      return { parameter: spec.components.parameters[name]!, schemaAt: `${pointer('components', 'parameters', name)}/schema` };
    }
    return { parameter: p, schemaAt: `${at}/schema` };
  });
}

/** Problems GitHub would have with this request (empty when it matches the API description). */
export function checkGitHubRequest(method: string, url: string, body?: string): string[] {
  const { spec, params, bodies } = load();
  const parsed = new URL(url);
  const path = parsed.pathname.replace(/^\/api\/v3(?=\/)/, '').replace(/\/+$/, '') || '/';
  const verb = method.toLowerCase();
  const label = `${method.toUpperCase()} ${path}`;
  const match = matchRoute(path);
  if (!match) return [`${label}: no such route in GitHub's REST API`];
  const operation = spec.paths[match.route.template]![verb] as Operation | undefined;
  if (!operation || !(METHODS as readonly string[]).includes(verb)) {
    return [`${label}: ${match.route.template} has no ${method.toUpperCase()} operation`];
  }
  const problems: string[] = [];
  const name = `${label} (${operation.operationId ?? match.route.template})`;
  const declared = parametersOf(match.route.template, verb);
  const query = new Map<string, string>(parsed.searchParams);
  for (const { parameter, schemaAt } of declared) {
    const value = parameter.in === 'path' ? match.values[parameter.name] : parameter.in === 'query' ? query.get(parameter.name) : undefined;
    if (value === undefined) {
      if (parameter.required && (parameter.in === 'path' || parameter.in === 'query')) problems.push(`${name}: missing ${parameter.in} parameter "${parameter.name}"`);
      continue;
    }
    if (!parameter.schema) continue;
    // URL values are strings; the parameter validator coerces them ("100" is a valid integer).
    const validate = validatorAt(params, schemaAt);
    if (!validate(value)) problems.push(`${name}: ${parameter.in} parameter "${parameter.name}"=${JSON.stringify(value)}: ${describeErrors(validate)}`);
  }
  const known = new Set(declared.filter((d) => d.parameter.in === 'query').map((d) => d.parameter.name));
  for (const key of query.keys()) if (!known.has(key)) problems.push(`${name}: unknown query parameter "${key}"`);

  const hasBody = body !== undefined && body.length > 0;
  const jsonSchema = operation.requestBody?.content?.['application/json'];
  if (!operation.requestBody && hasBody) problems.push(`${name}: takes no request body`);
  if (operation.requestBody?.required && !hasBody) problems.push(`${name}: request body is required`);
  if (jsonSchema?.schema && hasBody) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      problems.push(`${name}: body is not JSON`);
      return problems;
    }
    const at = `${pointer('paths', match.route.template, verb, 'requestBody', 'content', 'application/json')}/schema`;
    const validate = validatorAt(bodies, at);
    if (!validate(value)) problems.push(`${name}: body does not match the API: ${describeErrors(validate)}`);
  }
  return problems;
}

export interface GitHubRequestWatch {
  /** Every request the scopes answered, as `METHOD url`. */
  readonly requests: string[];
  readonly problems: string[];
  /** Throws one error listing every request GitHub would reject. */
  verify(): void;
}

/** Watches nock scopes and checks each request they intercept against GitHub's OpenAPI description. */
export function expectValidGitHubRequests(...scopes: nock.Scope[]): GitHubRequestWatch {
  const requests: string[] = [];
  const problems: string[] = [];
  for (const scope of scopes) {
    scope.on('request', (request: Request, _interceptor: unknown, body: string) => {
      requests.push(`${request.method} ${request.url}`);
      problems.push(...checkGitHubRequest(request.method, request.url, body));
    });
  }
  return {
    requests,
    problems,
    verify() {
      if (problems.length > 0) throw new Error(`requests GitHub would reject:\n  ${problems.join('\n  ')}`);
    },
  };
}
