import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** An id a proxy or client may pass along (X-Request-Id): letters, digits and . _ : -, 8 to 128 of them; anything else is replaced. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

/** The id of the request, for the answer's X-Request-Id, the error body of a 500 and the log line that explains it. */
export const requestIdOf = (res: Response): string => String(res.locals.requestId ?? '');

/** Gives every request an id (the caller's when well formed, else a random one) and returns it on every answer. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.get('x-request-id');
  const id = incoming && WELL_FORMED.test(incoming) ? incoming : randomUUID();
  res.locals.requestId = id;
  res.set('X-Request-Id', id);
  next();
}
