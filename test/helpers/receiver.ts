import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Status codes to answer, in order; once used up, every request gets 200. */
  plan: number[];
  close(): Promise<void>;
}

/** A real local HTTP server that records every request: the far end of a webhook. */
export async function startReceiver(plan: number[] = []): Promise<Receiver> {
  const received: Received[] = [];
  const rig = { plan } as Receiver;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = rig.plan.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'try later');
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  rig.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  rig.received = received;
  rig.close = () => new Promise<void>((r) => server.close(() => r()));
  return rig;
}
