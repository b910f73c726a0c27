import type { NextFunction, Request, Response } from 'express';
import type { CsvStream } from '../export/csvFile.ts';

/** Wraps an async handler so a rejected promise reaches the error middleware. */
export const handle =
  (fn: (req: Request, res: Response) => Promise<unknown>) =>
  (req: Request, res: Response, next: NextFunction): void => {
    fn(req, res).then((body) => {
      if (!res.headersSent) res.json(body);
    }, next);
  };

/** Writes a CSV chunk by chunk, waiting for the socket to drain, so a large file streams. */
export async function streamCsv(res: Response, csv: CsvStream): Promise<void> {
  res.status(200).set({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${csv.name}"` });
  try {
    for await (const chunk of csv.chunks) if (!res.write(chunk)) await new Promise((ok) => res.once('drain', ok));
  } catch (err) {
    // The status line is gone: cut the download short rather than end it looking complete.
    res.destroy(err as Error);
    return;
  }
  res.end();
}
