import type { NextFunction, Request, Response } from 'express';
import type { ErrorBody, ErrorCode } from '../../contract/common.ts';
import { DomainError, STATUS_OF_KIND, type DomainErrorKind } from '../domainError.ts';
import type { Logger } from '../log.ts';
import { redactUrl } from '../log.ts';
import { requestIdOf } from './requestId.ts';

/** The body limit of express.json in app.ts, and the words the 413 answer uses for it. */
export const BODY_LIMIT = '100kb';
export const TOO_LARGE = 'the request body is larger than 100 kB';

/** Kinds the web translates by code (the message stays English for logs and scripts). */
const CODE_OF_KIND: Partial<Record<DomainErrorKind, ErrorCode>> = {
  invalid: 'invalid',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  too_large: 'too_large',
  too_many: 'rate_limited',
};

interface ParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  message?: string;
}

/** A body-parser or router refusal (bad JSON, too large, bad charset, a bad %-escape) as a DomainError-like answer; undefined for anything else. */
function parserAnswer(err: ParserError): { status: number; body: ErrorBody } | undefined {
  if (err.type === 'entity.too.large') return { status: 413, body: { error: TOO_LARGE, code: 'too_large' } };
  if (err.type === 'entity.parse.failed') {
    // The parser's first words name the problem; anything past them (positions, the body echoed back) is noise or worse.
    const reason = String(err.message ?? '')
      .split('\n')[0]
      .replace(/, "[\s\S]*$/, '')
      .slice(0, 80);
    return { status: 400, body: { error: `invalid JSON body: ${reason}`, code: 'invalid' } };
  }
  // The router could not decode a path segment (a broken %-escape such as %E0%A4%A): the caller's URL is malformed.
  if (err.status === 400 && (err as unknown) instanceof URIError)
    return { status: 400, body: { error: 'the URL path holds a malformed %-escape', code: 'invalid' } };
  if (err.expose && err.status && err.status >= 400 && err.status < 500)
    return { status: err.status, body: { error: String(err.message).split('\n')[0].slice(0, 120), code: 'invalid' } };
  return undefined;
}

/**
 * Errors leave as JSON: 4xx with the caller's message (and a code the web can
 * translate), 500 as {error: 'internal error', requestId} while the log line
 * keeps the request id and the stack, credentials in URLs redacted.
 */
export function errorAnswer(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (err instanceof DomainError) {
      const code = (err.details?.code as ErrorCode | undefined) ?? CODE_OF_KIND[err.kind];
      res.status(STATUS_OF_KIND[err.kind]).json({ error: err.message, ...(code && { code }), ...err.details });
      return;
    }
    const parsed = parserAnswer(err as ParserError);
    if (parsed) {
      res.status(parsed.status).json(parsed.body);
      return;
    }
    const requestId = requestIdOf(res);
    log.error('request failed', { requestId, method: req.method, url: redactUrl(req.originalUrl), error: redactUrl((err as Error)?.stack ?? String(err)) });
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(500).json({ error: 'internal error', requestId });
  };
}
