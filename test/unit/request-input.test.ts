import { describe, expect, it } from 'vitest';
import { P, page, type RequestSpec } from '../../contract/params.ts';
import { REQUESTS } from '../../contract/requests.ts';
import { DomainError } from '../../server/domainError.ts';
import { parseInput } from '../../server/routes/input.ts';

const TODAY = '2026-12-03';
const SPEC = {
  path: { id: P.id },
  query: { asOf: P.day, server: P.server, sort: { type: 'choice', choices: ['a', 'b'], default: 'a' }, ...page(50, 500) },
  body: {
    author: P.author,
    share: { type: 'number', min: 0, max: 0.5 },
    force: { type: 'flag', default: false },
    password: { type: 'text', maxLength: 10, exact: true },
    names: { type: 'textList', maxItems: 2, maxLength: 5 },
    rules: { type: 'object' },
  },
} as const satisfies RequestSpec;

const parse = (query: Record<string, unknown> = {}, body: unknown = { author: 'ann' }, params: Record<string, unknown> = { id: 'x1' }) =>
  parseInput(SPEC, { params, query, body }, TODAY);

/** The refusal's details, or a failure when the input was accepted. */
function refusal(query: Record<string, unknown>, body?: unknown, params?: Record<string, unknown>) {
  try {
    parse(query, body, params);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    const e = err as DomainError;
    expect(e.kind).toBe('invalid');
    expect(e.details?.code).toBe('bad_param');
    return { message: e.message, ...(e.details?.param as Record<string, unknown>) };
  }
  throw new Error(`accepted ${JSON.stringify({ query, body, params })}`);
}

describe('parseInput', () => {
  it('gives defaults, trims text and keeps an exact text as sent', () => {
    const got = parse({}, { author: '  ann ', password: ' pw ' });
    expect(got.query).toEqual({ server: '', sort: 'a', limit: 50, offset: 0 });
    expect(got.body).toEqual({ author: 'ann', force: false, password: ' pw ' });
    expect(got.path).toEqual({ id: 'x1' });
  });

  it('reads whole numbers, numbers, flags, lists and objects with their types', () => {
    const got = parse({ limit: '500', offset: '0', asOf: '2027-12-04' }, { author: 'a', share: 0.5, force: true, names: ['ab', 'cd'], rules: { x: 1 } });
    expect(got.query).toMatchObject({ limit: 500, offset: 0, asOf: '2027-12-04' });
    expect(got.body).toMatchObject({ share: 0.5, force: true, names: ['ab', 'cd'], rules: { x: 1 } });
  });

  it.each([
    [{ asOf: '0000-01-01' }, { name: 'asOf', problem: 'range', min: '1970-01-01', max: '2027-12-04' }],
    [{ asOf: '1969-12-31' }, { name: 'asOf', problem: 'range' }],
    [{ asOf: '2027-12-05' }, { name: 'asOf', problem: 'range' }],
    [{ asOf: '9999-12-31' }, { name: 'asOf', problem: 'range' }],
    [{ asOf: '2026-02-30' }, { name: 'asOf', problem: 'type' }],
    [{ asOf: '2026-1-3' }, { name: 'asOf', problem: 'type' }],
    [{ limit: '0' }, { name: 'limit', problem: 'range', min: 1, max: 500 }],
    [{ limit: '501' }, { name: 'limit', problem: 'range' }],
    [{ limit: '99999999999999999999' }, { name: 'limit', problem: 'range' }],
    [{ limit: '1e3' }, { name: 'limit', problem: 'type' }],
    [{ limit: '1.5' }, { name: 'limit', problem: 'type' }],
    [{ limit: 'NaN' }, { name: 'limit', problem: 'type' }],
    [{ limit: '0x10' }, { name: 'limit', problem: 'type' }],
    [{ offset: '-1' }, { name: 'offset', problem: 'range' }],
    [{ sort: 'c' }, { name: 'sort', problem: 'choice', choices: ['a', 'b'] }],
    [{ sort: ['a', 'b'] }, { name: 'sort', problem: 'repeated' }],
    [{ server: "s1' OR 1=1 --" }, { name: 'server', problem: 'pattern' }],
    [{ server: 'x'.repeat(65) }, { name: 'server', problem: 'length', maxLength: 64 }],
    [{ nope: '1' }, { name: 'nope', problem: 'unknown', in: 'query' }],
  ])('refuses the query %j naming the parameter', (query, want) => {
    expect(refusal(query)).toMatchObject({ in: 'query', ...want });
  });

  it('refuses __proto__ as a query name, as Express parses it (an own key of a prototype-less object)', () => {
    const query = Object.create(null) as Record<string, unknown>;
    Object.defineProperty(query, '__proto__', { value: '1', enumerable: true });
    expect(refusal(query)).toMatchObject({ name: '__proto__', in: 'query', problem: 'unknown' });
  });

  it.each([
    [{}, { name: 'author', problem: 'missing' }],
    [{ author: '   ' }, { name: 'author', problem: 'missing' }],
    [{ author: 17 }, { name: 'author', problem: 'type' }],
    [{ author: 'x'.repeat(65) }, { name: 'author', problem: 'length' }],
    [
      { author: 'a', share: 0.51 },
      { name: 'share', problem: 'range' },
    ],
    [
      { author: 'a', share: '0.1' },
      { name: 'share', problem: 'type' },
    ],
    [
      { author: 'a', force: 'yes' },
      { name: 'force', problem: 'type' },
    ],
    [
      { author: 'a', names: ['a', 'b', 'c'] },
      { name: 'names', problem: 'items', maxItems: 2 },
    ],
    [
      { author: 'a', names: ['abcdef'] },
      { name: 'names', problem: 'length' },
    ],
    [
      { author: 'a', names: [1] },
      { name: 'names', problem: 'type' },
    ],
    [
      { author: 'a', rules: [] },
      { name: 'rules', problem: 'type' },
    ],
    [
      { author: 'a', password: 'x'.repeat(11) },
      { name: 'password', problem: 'length' },
    ],
    [JSON.parse('{"author":"a","__proto__":{"admin":true}}'), { name: '__proto__', problem: 'unknown', in: 'body' }],
  ])('refuses the body %j naming the field', (body, want) => {
    expect(refusal({}, body)).toMatchObject({ in: 'body', ...want });
  });

  it('refuses a path parameter outside its pattern, and a body that is not an object', () => {
    expect(refusal({}, undefined, { id: '../etc' })).toMatchObject({ name: 'id', in: 'path', problem: 'pattern' });
    expect(() => parse({}, [1, 2])).toThrow('the body must be a JSON object');
    expect(() => parse({}, 'text')).toThrow('the body must be a JSON object');
  });

  it('keeps a refused value short in its message', () => {
    expect(refusal({ asOf: 'y'.repeat(5000) }).message.length).toBeLessThan(200);
  });

  it('has a version path parameter that refuses an unsafe integer', () => {
    const spec = REQUESTS['GET /api/settings/lifecycle/versions/:v'];
    expect(() => parseInput(spec, { params: { v: '99999999999999999999' }, query: {}, body: undefined }, TODAY)).toThrow(
      /v must be a whole number from 1 to 2147483647/,
    );
  });
});
