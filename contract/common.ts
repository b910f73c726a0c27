// Scalar shapes shared by every endpoint of the API.

/** A decimal amount in the base currency, as text: only ever formatted, never summed as a float. */
export type Money = string;
/** A calendar day in the game time zone, YYYY-MM-DD. */
export type Day = string;

/** What kind of refusal an error is, for the web to say it in the user's language (the message stays English). */
export const ERROR_CODES = [
  'unauthenticated',
  'forbidden',
  'csrf',
  'too_large',
  'rate_limited',
  'invalid',
  // A query, path or body parameter outside its declaration (contract/requests.ts); the body carries `param` (ParamRefusal).
  'bad_param',
  // Accounts: why a sign-in or a session was refused, and password policy refusals.
  'sign_in',
  'session_expired',
  'bad_credentials',
  'disabled',
  'bad_link',
  'bad_current_password',
  'password_policy',
  // 503 on a first start while the demo game is being prepared (GET /api/preparing tells the progress).
  'preparing',
  // Why an offer launch is refused; the body's `values` name the offer and days.
  'launch_no_webhook',
  'launch_webhook_refused',
  'offer_archived',
  'offer_disabled',
  'offer_inactive',
  'launch_no_data',
  'launch_after_data',
  'launch_running',
  'launched_already',
  'launch_empty_audience',
  // Accounts and tokens: a name is missing or not allowed.
  'name_required',
  'token_name',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every error response: a message meant for the person using the dashboard. */
export interface ErrorBody {
  error: string;
  code?: ErrorCode;
  /** The values a code's wording names (an offer id, a day), when it has any. */
  values?: Record<string, string | number>;
  /** On a 500: the id of the log line that explains it (also in the X-Request-Id header of every answer). */
  requestId?: string;
}
