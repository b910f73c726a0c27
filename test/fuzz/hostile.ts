import { DAYS_AHEAD } from '../../contract/params.ts';
import { addDays } from '../../server/days.ts';

/**
 * The fixed list of hostile values the HTTP fuzz suite sends in every
 * parameter of every route. A query or path value is text (a list: the name
 * repeated); a body value is raw JSON text, so that literals JSON.stringify
 * cannot write (1e309, 20-digit numbers, deep nesting) reach the parser as sent.
 */

export interface Hostile<V> {
  label: string;
  value: V;
}

const today = new Date().toISOString().slice(0, 10);
const deep = (depth: number, open: string, close: string, core: string) => open.repeat(depth) + core + close.repeat(depth);

/** Texts that stand for every kind of scalar a client could mistype or forge. */
const TEXTS: Hostile<string>[] = [
  { label: 'empty', value: '' },
  { label: 'whitespace', value: ' \t ' },
  { label: 'long text', value: 'x'.repeat(5000) },
  { label: 'negative', value: '-1' },
  { label: 'zero', value: '0' },
  { label: 'huge', value: '99999999999999999999' },
  { label: 'NaN', value: 'NaN' },
  { label: 'Infinity', value: 'Infinity' },
  { label: '1e309', value: '1e309' },
  { label: 'hex', value: '0x10' },
  { label: 'decimal', value: '1.5' },
  { label: 'day 0000', value: '0000-01-01' },
  { label: 'day before 1970', value: '1969-12-31' },
  { label: 'day 1970', value: '1970-01-01' },
  { label: 'today+366', value: addDays(today, DAYS_AHEAD) },
  { label: 'today+367', value: addDays(today, DAYS_AHEAD + 1) },
  { label: 'day 9999', value: '9999-12-31' },
  { label: 'Feb 30', value: '2026-02-30' },
  { label: 'null text', value: 'null' },
  { label: 'true text', value: 'true' },
  { label: 'false text', value: 'false' },
  { label: 'JSON object text', value: '{"a":1}' },
  { label: 'SQL', value: "' OR 1=1 --" },
  { label: 'query parameter', value: '{x:String}' },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text of a JavaScript template is the hostile value
  { label: 'template ${}', value: '${7*7}' },
  { label: 'template {{}}', value: '{{7*7}}' },
  { label: 'backslashes', value: '\\\\\\"\\' },
  { label: 'percent 00', value: '%00' },
  { label: 'NUL', value: 'a\u0000b' },
  { label: 'traversal', value: '../../etc/passwd' },
  { label: 'Chinese', value: '应用宝' },
  { label: 'emoji', value: '😀🎮' },
  { label: 'RTL mark', value: '\u202Eevil\u200F' },
  { label: '__proto__', value: '__proto__' },
  { label: 'constructor', value: 'constructor' },
];

/** Query and path values: the texts, and a name sent twice. */
export const QUERY_VALUES: Hostile<string | string[]>[] = [...TEXTS, { label: 'repeated', value: ['1', '2'] }, { label: 'repeated empty', value: ['', ''] }];

/** Body values as raw JSON: every text as a JSON string, then what only JSON can carry. */
export const BODY_VALUES: Hostile<string>[] = [
  ...TEXTS.map(({ label, value }) => ({ label: `"${label}"`, value: JSON.stringify(value) })),
  { label: 'null', value: 'null' },
  { label: 'true', value: 'true' },
  { label: 'false', value: 'false' },
  { label: '-1', value: '-1' },
  { label: '0', value: '0' },
  { label: '1.5', value: '1.5' },
  { label: 'huge number', value: '99999999999999999999' },
  { label: '1e309 number', value: '1e309' },
  { label: 'empty array', value: '[]' },
  { label: 'array of texts', value: '["a","b"]' },
  { label: 'array of objects', value: '[{"a":1}]' },
  { label: 'long array', value: JSON.stringify(Array.from({ length: 3000 }, (_, i) => `p${i}`)) },
  { label: 'empty object', value: '{}' },
  { label: 'object __proto__', value: '{"__proto__":{"polluted":true}}' },
  { label: 'deep array', value: deep(3000, '[', ']', '1') },
  { label: 'deep object', value: deep(2000, '{"a":', '}', '1') },
];

/** Whole bodies that are not a JSON object of fields, with the content type they come with. */
export const RAW_BODIES: { label: string; type: string | null; body: string }[] = [
  { label: 'malformed JSON', type: 'application/json', body: '{"a": ' },
  { label: 'trailing comma', type: 'application/json', body: '{"a": 1,}' },
  { label: 'single quotes', type: 'application/json', body: "{'a': 1}" },
  { label: 'NaN literal', type: 'application/json', body: '{"a": NaN}' },
  { label: 'not JSON', type: 'application/json', body: 'hello' },
  { label: 'JSON array', type: 'application/json', body: '[1,2,3]' },
  { label: 'JSON null', type: 'application/json', body: 'null' },
  { label: 'JSON text', type: 'application/json', body: '"text"' },
  { label: 'JSON number', type: 'application/json', body: '123' },
  { label: 'empty JSON', type: 'application/json', body: '' },
  { label: 'UTF-16 charset', type: 'application/json; charset=utf-16', body: '{}' },
  { label: 'unknown charset', type: 'application/json; charset=klingon', body: '{}' },
  { label: 'text/plain', type: 'text/plain', body: '{"a":1}' },
  { label: 'form', type: 'application/x-www-form-urlencoded', body: 'a=1&__proto__=x' },
  { label: 'multipart', type: 'multipart/form-data; boundary=x', body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n' },
  { label: 'XML', type: 'application/xml', body: '<a>1</a>' },
  { label: 'no content type', type: null, body: '{"a":1}' },
  { label: 'over the limit', type: 'application/json', body: JSON.stringify({ a: 'x'.repeat(150_000) }) },
];

/** Names no route declares, for the query and the body. */
export const UNDECLARED = ['__proto__', 'constructor', 'zzz'];
