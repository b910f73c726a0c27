import type { NextFunction, Request, Response } from 'express';

/** Wraps an async handler so a rejected promise reaches the error middleware. */
export const handle =
  (fn: (req: Request, res: Response) => Promise<unknown>) =>
  (req: Request, res: Response, next: NextFunction): void => {
    fn(req, res).then((body) => {
      if (!res.headersSent) res.json(body);
    }, next);
  };
