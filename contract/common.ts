// Scalar shapes shared by every endpoint of the API.

/** A decimal amount in the base currency, as text: only ever formatted, never summed as a float. */
export type Money = string;
/** A calendar day in the game time zone, YYYY-MM-DD. */
export type Day = string;

/** Every error response: a message meant for the person using the dashboard. */
export interface ErrorBody {
  error: string;
}
