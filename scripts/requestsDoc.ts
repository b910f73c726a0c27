import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DAYS_AHEAD, FIRST_DAY, PARAM_PLACES, type ParamSpec, type RequestSpec } from '../contract/params.ts';
import { REQUESTS } from '../contract/requests.ts';
import { BODY_LIMIT } from '../server/routes/errors.ts';

/** Where the reference lives; `npm run docs:requests` rewrites it, a unit test fails when it is stale. */
export const REQUESTS_DOC = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'API-PARAMETERS.md');

/** What one parameter accepts, in a table cell. */
function allowed(spec: ParamSpec): string {
  switch (spec.type) {
    case 'day':
      return `day, ${FIRST_DAY} to today + ${DAYS_AHEAD} days`;
    case 'whole':
      return `whole number, ${spec.min} to ${spec.max}`;
    case 'number':
      return `number, ${spec.min} to ${spec.max}`;
    case 'choice':
      return `one of ${spec.choices.map((c) => `\`${c}\``).join(', ')}`;
    case 'text':
      return `text, at most ${spec.maxLength} characters${spec.hint ? `: ${spec.hint}` : ''}${spec.exact ? ' (kept as sent, not trimmed)' : ''}`;
    case 'flag':
      return 'true or false';
    case 'scalar':
      return `text (at most ${spec.maxLength} characters), number or true/false, checked by the route`;
    case 'textList':
      return `list of at most ${spec.maxItems} texts of at most ${spec.maxLength} characters`;
    case 'list':
      return `list of at most ${spec.maxItems} items, each checked by the route`;
    case 'object':
      return 'JSON object, checked by the route';
  }
}

function fallback(spec: ParamSpec): string {
  if ('required' in spec && spec.required) return 'required';
  if (!('default' in spec) || spec.default === undefined) return '';
  return spec.default === '' ? 'empty' : `\`${spec.default}\``;
}
const cell = (s: string) => s.replace(/\|/g, '\\|');

function routeRows(key: string, spec: RequestSpec): string[] {
  const rows = PARAM_PLACES.flatMap((place) =>
    Object.entries(spec[place] ?? {}).map(([name, p]) => `| \`${key}\` | ${place} | \`${name}\` | ${cell(allowed(p))} | ${fallback(p)} |`),
  );
  return rows.length ? rows : [`| \`${key}\` | | (none) | | |`];
}

/** The reference page of every route's parameters, built from contract/requests.ts. */
export function requestsDoc(requests: Readonly<Record<string, RequestSpec>> = REQUESTS): string {
  return [
    '# API parameters',
    '',
    'Made by `npm run docs:requests` from `contract/requests.ts`: do not edit by hand.',
    '',
    "Every request is parsed against its route's entry before the route runs. A name the route does",
    'not take, a value of the wrong type or outside its bounds, a query parameter given twice, or a',
    'required one missing is refused with `400` and `{"error", "code": "bad_param", "param": {name, in,',
    'problem, ...}}`. Texts are trimmed unless marked as kept as sent. Bodies are JSON objects of at most',
    `${BODY_LIMIT.replace('kb', ' kB')} (\`413\` above).`,
    '',
    '| route | in | name | accepts | default |',
    '|---|---|---|---|---|',
    ...Object.entries(requests).flatMap(([key, spec]) => routeRows(key, spec)),
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(REQUESTS_DOC, requestsDoc());
  console.log(`docs:requests: wrote ${path.relative(process.cwd(), REQUESTS_DOC)} (${Object.keys(REQUESTS).length} routes)`);
}
