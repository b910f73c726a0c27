// The vocabulary of request parameters: what a path segment, query parameter
// or body field may hold. Every route declares its parameters with these
// (contract/requests.ts); the server parses every request against its
// declaration before the handler runs, and the fuzz suite reads the same
// table to know what to attack.

/** The first day a request may name; the last is today plus DAYS_AHEAD (a later day is a typo, not a question). */
export const FIRST_DAY = '1970-01-01';
export const DAYS_AHEAD = 366;

/** Largest whole number a request may carry: anything past it cannot round-trip through JSON or the engine's UInt32 ids. */
export const MAX_WHOLE = 2_147_483_647;

export type ParamSpec =
  /** A calendar day, YYYY-MM-DD, from FIRST_DAY to today + DAYS_AHEAD. */
  | { type: 'day'; required?: true }
  /** A whole number in [min, max]. */
  | { type: 'whole'; min: number; max: number; default?: number; required?: true }
  /** A number (decimals allowed) in [min, max]; body fields only. */
  | { type: 'number'; min: number; max: number; required?: true }
  /** One of a fixed list. */
  | { type: 'choice'; choices: readonly string[]; default?: string; required?: true }
  /**
   * Text of at most maxLength characters, trimmed (kept exactly as sent when `exact`: passwords), matching
   * `pattern` (a regular expression's source) when given; `hint` says what the pattern allows.
   */
  | { type: 'text'; maxLength: number; pattern?: string; hint?: string; exact?: true; default?: string; required?: true }
  /** true or false (in a query: true/false/1/0). */
  | { type: 'flag'; default?: boolean }
  /** A text, number or boolean whose domain validator checks it (a form field that may come as text); body fields only. */
  | { type: 'scalar'; maxLength: number }
  /** A list of texts; body fields only. */
  | { type: 'textList'; maxItems: number; maxLength: number; required?: true }
  /** A list whose items a domain validator checks (it names the bad ones); body fields only. */
  | { type: 'list'; maxItems: number; required?: true }
  /** A JSON object whose fields a domain validator checks (an offer, a set of rules); body fields only. */
  | { type: 'object'; required?: true };

export type ParamType = ParamSpec['type'];

/** What a route takes: its path segments, query parameters and JSON body fields. Anything not declared is refused. */
export interface RequestSpec {
  path?: Readonly<Record<string, ParamSpec>>;
  query?: Readonly<Record<string, ParamSpec>>;
  body?: Readonly<Record<string, ParamSpec>>;
}

export const PARAM_PLACES = ['path', 'query', 'body'] as const;
export type ParamPlace = (typeof PARAM_PLACES)[number];

/** Why a parameter was refused, for the web to say in the user's language. */
export const PARAM_PROBLEMS = ['missing', 'unknown', 'repeated', 'type', 'range', 'choice', 'length', 'pattern', 'items'] as const;
export type ParamProblem = (typeof PARAM_PROBLEMS)[number];

/** The body of a 400 with code `bad_param`: which parameter, where, what was wrong and what is allowed. */
export interface ParamRefusal {
  error: string;
  code: 'bad_param';
  param: {
    name: string;
    in: ParamPlace;
    problem: ParamProblem;
    type?: ParamType;
    min?: number | string;
    max?: number | string;
    choices?: readonly string[];
    maxLength?: number;
    maxItems?: number;
    hint?: string;
    /** Names the route takes in that place, when the problem is an unknown name. */
    known?: readonly string[];
  };
}

// Parameters that many routes share.
export const P = {
  day: { type: 'day' },
  server: { type: 'text', maxLength: 64, pattern: '^[\\w.:-]*$', hint: 'letters, digits, _ . : -', default: '' },
  offset: { type: 'whole', min: 0, max: 100_000_000, default: 0 },
  author: { type: 'text', maxLength: 64, required: true },
  note: { type: 'text', maxLength: 500 },
  /** An id of the product's own making (offers, schedules, runs, launches, users, tokens). */
  id: { type: 'text', maxLength: 128, pattern: '^[\\w.:@-]+$', hint: 'letters, digits, _ . : @ -', required: true },
  version: { type: 'whole', min: 1, max: MAX_WHOLE, required: true },
} as const satisfies Record<string, ParamSpec>;

/** A page of a list: limit in [1, max] with its default, and an offset. */
export const page = (fallback: number, max: number) => ({ limit: { type: 'whole', min: 1, max, default: fallback }, offset: P.offset }) as const;

/** The parsed value of a parameter. */
export type ParamValue<S extends ParamSpec> = S extends { type: 'whole' | 'number' }
  ? number
  : S extends { type: 'choice'; choices: readonly (infer C)[] }
    ? C
    : S extends { type: 'flag' }
      ? boolean
      : S extends { type: 'textList' }
        ? string[]
        : S extends { type: 'list' }
          ? unknown[]
          : S extends { type: 'object' }
            ? Record<string, unknown>
            : S extends { type: 'scalar' }
              ? string | number | boolean
              : string;

/** Present for sure: required, or with a default. */
type Sure<S> = S extends { required: true } ? true : S extends { default: unknown } ? true : false;

type Parsed<M> = { [K in keyof M as Sure<M[K]> extends true ? K : never]: M[K] extends ParamSpec ? ParamValue<M[K]> : never } & {
  [K in keyof M as Sure<M[K]> extends true ? never : K]?: M[K] extends ParamSpec ? ParamValue<M[K]> : never;
};

/** What a handler receives for a RequestSpec: every declared name, typed, absent optional ones undefined. */
export type Input<S extends RequestSpec> = {
  path: Parsed<S['path'] & {}>;
  query: Parsed<S['query'] & {}>;
  body: Parsed<S['body'] & {}>;
};
