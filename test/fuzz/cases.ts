import { parse as parseQuery } from 'node:querystring';
import type { RequestSpec } from '../../contract/params.ts';
import type { RouteKey } from '../../contract/requests.ts';
import { parseInput } from '../../server/routes/input.ts';
import type { Base } from './baseRequests.ts';
import { BODY_VALUES, QUERY_VALUES, RAW_BODIES, UNDECLARED } from './hostile.ts';

/** One request of the suite. */
export interface Case {
  route: RouteKey;
  label: string;
  method: string;
  url: string;
  type: string | null;
  body?: string;
  /**
   * The parameter layer refuses it for sure (predicted with the server's own
   * parser): no checksum is needed before it. Anything else may be accepted,
   * so the tables are summed before it is sent.
   */
  refused: boolean;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Path values as sent: encoded, or exactly as written (a raw slash, a raw escape) to test the router's own decoding. */
type PathValue = { encoded: string } | { raw: string };
const RAW_PATHS = ['..%2F..%2Fetc%2Fpasswd', 'a/b', '%E0%A4%A'];

function urlOf(pathTemplate: string, path: Record<string, PathValue>, query: [string, string][]): string {
  const filled = pathTemplate.replace(/:(\w+)/g, (_, name: string) => {
    const v = path[name];
    return 'raw' in v ? v.raw : encodeURIComponent(v.encoded);
  });
  const search = new URLSearchParams(query).toString();
  return search ? `${filled}?${search}` : filled;
}

/** Body text from raw JSON values, so that literals JSON.stringify cannot write are sent as they are. */
const bodyText = (fields: [string, string][]) => `{${fields.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;

/** Every request the suite sends to one route: the valid one, then one hostile value at a time in each parameter, then whole bodies. */
export function casesOf(route: RouteKey, spec: RequestSpec, base: Base): Case[] {
  const [method, template] = route.split(' ');
  const hasBody = method !== 'GET';
  const out: Case[] = [];
  const encode = (b: Omit<Base, 'whileFuzzing'>) => ({
    path: Object.fromEntries(Object.entries(b.path).map(([k, v]) => [k, { encoded: v }])) as Record<string, PathValue>,
    query: Object.entries(b.query),
    body: Object.entries(b.body).map(([k, v]) => [k, JSON.stringify(v)] as [string, string]),
  });
  const valid = encode(base);
  const w = base.whileFuzzing ?? {};
  const {
    path: basePath,
    query: baseQuery,
    body: baseBody,
  } = encode({ path: { ...base.path, ...w.path }, query: { ...base.query, ...w.query }, body: { ...base.body, ...w.body } });
  /** The others as they stand while `name` in `place` is attacked: the costly route's refusing values, unless that very place/name is being attacked. */
  const others = <T>(place: 'path' | 'query' | 'body', name: string, fuzzing: T, plain: T) => (w[place] && name in w[place] ? plain : fuzzing);

  const add = (label: string, path: Record<string, PathValue>, query: [string, string][], body: [string, string][] | undefined) => {
    const text = hasBody && body ? bodyText(body) : undefined;
    const url = urlOf(template, path, query);
    const params = decoded(path);
    const raw = Object.values(path).some((v) => 'raw' in v);
    out.push({ route, label, method, url, type: text ? 'application/json' : null, body: text, refused: !raw && refusedBy(spec, params, url, text) });
  };

  add('valid', valid.path, valid.query, valid.body);
  for (const name of Object.keys(spec.path ?? {})) {
    const path = others('path', name, basePath, valid.path);
    const body = others('path', name, baseBody, valid.body);
    for (const h of QUERY_VALUES) if (typeof h.value === 'string') add(`path ${name}: ${h.label}`, { ...path, [name]: { encoded: h.value } }, baseQuery, body);
    for (const raw of RAW_PATHS) add(`path ${name}: raw ${raw}`, { ...path, [name]: { raw } }, baseQuery, body);
  }
  for (const name of Object.keys(spec.query ?? {}))
    for (const h of QUERY_VALUES) {
      const rest = baseQuery.filter(([k]) => k !== name);
      const values = Array.isArray(h.value) ? h.value : [h.value];
      add(`query ${name}: ${h.label}`, basePath, [...rest, ...values.map((v) => [name, v] as [string, string])], baseBody);
    }
  for (const name of UNDECLARED) add(`undeclared query ${name}`, basePath, [...baseQuery, [name, '1']], baseBody);
  if (!hasBody) return out;
  for (const name of Object.keys(spec.body ?? {})) {
    const path = others('body', name, basePath, valid.path);
    const body = others('body', name, baseBody, valid.body);
    for (const h of BODY_VALUES) add(`body ${name}: ${h.label}`, path, baseQuery, [...body.filter(([k]) => k !== name), [name, h.value]]);
  }
  for (const name of UNDECLARED) add(`undeclared body ${name}`, basePath, baseQuery, [...baseBody, [name, '{"polluted":true}']]);
  const url = urlOf(template, basePath, baseQuery);
  const params = decoded(basePath);
  for (const b of RAW_BODIES)
    out.push({ route, label: `body: ${b.label}`, method, url, type: b.type, body: b.body, refused: rawRefused(spec, params, url, b) });
  return out;
}

/** Path values as the router hands them to the route. */
const decoded = (path: Record<string, PathValue>) => Object.fromEntries(Object.entries(path).map(([k, v]) => [k, 'raw' in v ? v.raw : v.encoded]));

/** Whether a whole body is refused for sure: over the limit, not JSON (by its type or its text), or not an object; else as any other. */
function rawRefused(spec: RequestSpec, params: Record<string, string>, url: string, b: (typeof RAW_BODIES)[number]): boolean {
  if (b.body.length >= 100_000) return true;
  if (b.body === '') return refusedBy(spec, params, url, undefined);
  if (b.type?.split(';')[0] !== 'application/json' || b.type.includes('charset')) return true;
  const value = parsedJson(b.body);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return true;
  return refusedBy(spec, params, url, b.body);
}

/** The JSON value of a text, or undefined when it is not JSON. */
export const parsedJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Whether the server's parameter layer refuses the request, given what Express would hand it. */
function refusedBy(spec: RequestSpec, params: Record<string, string>, url: string, body: string | undefined): boolean {
  try {
    const query = parseQuery(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
    parseInput(spec, { params, query, body: body === undefined ? undefined : JSON.parse(body) }, today());
    return false;
  } catch {
    return true;
  }
}
