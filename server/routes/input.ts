import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  DAYS_AHEAD,
  FIRST_DAY,
  PARAM_PLACES,
  type Input,
  type ParamPlace,
  type ParamRefusal,
  type ParamSpec,
  type RequestSpec,
} from '../../contract/params.ts';
import type { REQUESTS, RouteKey } from '../../contract/requests.ts';
import { addDays } from '../days.ts';
import { DomainError } from '../domainError.ts';

declare global {
  namespace Express {
    interface Request {
      /** The request's parameters as its route declares them (contract/requests.ts), parsed before the handler runs. */
      input?: { key: string; values: Input<RequestSpec> };
    }
  }
}

type Detail = ParamRefusal['param'];

/** A refused parameter: 400 with code bad_param, an English message for logs and scripts, the details for the web to word. */
function refuse(detail: Detail, message: string): DomainError {
  return new DomainError('invalid', message, { code: 'bad_param', param: detail });
}

/** A value as the message quotes it: short, so a 100 kB value is not echoed back. */
const quoted = (v: unknown) => {
  const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const WHOLE = /^-?\d{1,20}$/;
const NUMBER = /^-?\d{1,20}(\.\d{1,20})?$/;

const isCalendarDay = (v: string) => {
  const ms = DAY.test(v) ? Date.parse(`${v}T00:00:00Z`) : Number.NaN;
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === v;
};

/** Parses one present value; `fromQuery` says the value came as text (query or path) rather than JSON. */
function parseValue(spec: ParamSpec, v: unknown, at: Detail, fromQuery: boolean, lastDay: string): unknown {
  const name = at.name;
  const wrongType = (what: string) => refuse({ ...at, problem: 'type' }, `${name} must be ${what}, got ${quoted(v)}`);
  switch (spec.type) {
    case 'day': {
      const range = { min: FIRST_DAY, max: lastDay };
      const say = `${name} must be a day (YYYY-MM-DD) from ${FIRST_DAY} to ${lastDay}, got ${quoted(v)}`;
      if (typeof v !== 'string' || !isCalendarDay(v)) throw refuse({ ...at, problem: 'type', ...range }, say);
      if (v < FIRST_DAY || v > lastDay) throw refuse({ ...at, problem: 'range', ...range }, say);
      return v;
    }
    case 'whole':
    case 'number': {
      const pattern = spec.type === 'whole' ? WHOLE : NUMBER;
      const n = fromQuery ? (typeof v === 'string' && pattern.test(v) ? Number(v) : Number.NaN) : typeof v === 'number' ? v : Number.NaN;
      const what = spec.type === 'whole' ? 'a whole number' : 'a number';
      if (!Number.isFinite(n) || (spec.type === 'whole' && !Number.isInteger(n))) {
        throw refuse({ ...at, problem: 'type', min: spec.min, max: spec.max }, `${name} must be ${what} from ${spec.min} to ${spec.max}, got ${quoted(v)}`);
      }
      if (n < spec.min || n > spec.max)
        throw refuse({ ...at, problem: 'range', min: spec.min, max: spec.max }, `${name} must be ${what} from ${spec.min} to ${spec.max}, got ${quoted(v)}`);
      return n;
    }
    case 'choice':
      if (typeof v !== 'string' || !spec.choices.includes(v))
        throw refuse({ ...at, problem: 'choice', choices: spec.choices }, `${name} must be one of ${spec.choices.join(', ')}, got ${quoted(v)}`);
      return v;
    case 'text': {
      if (typeof v !== 'string') throw wrongType('text');
      const text = spec.exact ? v : v.trim();
      if (text.length > spec.maxLength)
        throw refuse({ ...at, problem: 'length', maxLength: spec.maxLength }, `${name} may be at most ${spec.maxLength} characters long`);
      if (spec.pattern && !new RegExp(spec.pattern, 'u').test(text))
        throw refuse({ ...at, problem: 'pattern', hint: spec.hint }, `${name} may hold only ${spec.hint ?? 'certain characters'}, got ${quoted(v)}`);
      return text;
    }
    case 'flag':
      if (typeof v === 'boolean' && !fromQuery) return v;
      if (fromQuery && (v === 'true' || v === '1')) return true;
      if (fromQuery && (v === 'false' || v === '0')) return false;
      throw wrongType(fromQuery ? 'true or false (or 1 or 0)' : 'true or false');
    case 'textList': {
      if (!Array.isArray(v)) throw wrongType('a list of texts');
      if (v.length > spec.maxItems)
        throw refuse({ ...at, problem: 'items', maxItems: spec.maxItems }, `${name} may hold at most ${spec.maxItems} items, got ${v.length}`);
      for (const item of v) {
        if (typeof item !== 'string') throw wrongType('a list of texts');
        if (item.length > spec.maxLength)
          throw refuse({ ...at, problem: 'length', maxLength: spec.maxLength }, `each item of ${name} may be at most ${spec.maxLength} characters long`);
      }
      return v;
    }
    case 'list':
      if (!Array.isArray(v)) throw wrongType('a list');
      if (v.length > spec.maxItems)
        throw refuse({ ...at, problem: 'items', maxItems: spec.maxItems }, `${name} may hold at most ${spec.maxItems} items, got ${v.length}`);
      return v;
    case 'scalar':
      if (typeof v === 'string' && v.length > spec.maxLength)
        throw refuse({ ...at, problem: 'length', maxLength: spec.maxLength }, `${name} may be at most ${spec.maxLength} characters long`);
      if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return v;
      throw wrongType('text, a number or true/false');
    case 'object':
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw wrongType('a JSON object');
      return v;
  }
}

const absent = (v: unknown) => v === undefined || v === null || v === '';

/** Parses one place (path, query or body) against its declaration; undeclared names are refused. */
function parsePlace(place: ParamPlace, specs: Readonly<Record<string, ParamSpec>>, raw: Record<string, unknown>, lastDay: string) {
  const known = Object.keys(specs);
  for (const name of Object.keys(raw)) {
    if (!Object.hasOwn(specs, name)) {
      const message = known.length
        ? `unknown ${place} parameter ${quoted(name)}; this route takes ${known.join(', ')}`
        : `this route takes no ${place} parameters, got ${quoted(name)}`;
      throw refuse({ name: name.slice(0, 40), in: place, problem: 'unknown', known }, message);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const v = raw[name];
    const at: Detail = { name, in: place, problem: 'type', type: spec.type };
    if (place !== 'body' && Array.isArray(v)) throw refuse({ ...at, problem: 'repeated' }, `${name} must be given once`);
    if (absent(v) || (spec.type === 'text' && !spec.exact && typeof v === 'string' && v.trim() === '')) {
      if ('required' in spec && spec.required) throw refuse({ ...at, problem: 'missing' }, `${name} is required`);
      if ('default' in spec && spec.default !== undefined) out[name] = spec.default;
      continue;
    }
    out[name] = parseValue(spec, v, at, place !== 'body', lastDay);
  }
  return out;
}

/** The body as an object of fields: absent is empty; anything but a JSON object is refused. */
function bodyFields(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new DomainError('invalid', 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

/** Parses a request against a declaration; `today` is the server's date (the latest day allowed is a year after it). */
export function parseInput(spec: RequestSpec, req: { params: unknown; query: unknown; body: unknown }, today: string): Input<RequestSpec> {
  const lastDay = addDays(today, DAYS_AHEAD);
  const raw: Record<ParamPlace, Record<string, unknown>> = {
    path: (req.params ?? {}) as Record<string, unknown>,
    query: (req.query ?? {}) as Record<string, unknown>,
    body: bodyFields(req.body),
  };
  const values = {} as Record<ParamPlace, Record<string, unknown>>;
  for (const place of PARAM_PLACES) values[place] = parsePlace(place, spec[place] ?? {}, raw[place], lastDay);
  return values as Input<RequestSpec>;
}

/**
 * A body sent as anything but JSON (text/plain, a form, no type at all) is
 * refused: express.json leaves it unread, and taking it for an empty body
 * would run the route with its defaults (a backfill of every day, say).
 */
function requireJsonBody(req: Request): void {
  const sent = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (sent && !req.is('application/json')) throw new DomainError('invalid', 'the request body must be JSON, sent with Content-Type: application/json');
}

/** The middleware that parses a route's parameters before its handler (and before the response cache). */
export function parseParams(key: string, spec: RequestSpec): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    try {
      requireJsonBody(req);
      req.input = { key, values: parseInput(spec, req, new Date().toISOString().slice(0, 10)) };
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** The parsed parameters of the route `key`; the key must be the one the handler is registered under. */
export function inputOf<K extends RouteKey>(req: Request, key: K): Input<(typeof REQUESTS)[K]> {
  if (req.input?.key !== key) throw new Error(`handler asked for the parameters of ${key} but serves ${req.input?.key ?? 'an undeclared route'}`);
  return req.input.values as unknown as Input<(typeof REQUESTS)[K]>;
}
