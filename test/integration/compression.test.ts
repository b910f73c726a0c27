import { mkdirSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { audit } from '../../server/audit/audit.ts';
import { IMMUTABLE } from '../../server/dashboardAssets.ts';
import { listen, stopListening } from '../helpers/api.ts';
import { tokenFetch } from '../helpers/auth.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';
import { csvParts } from '../helpers/csv.ts';

/**
 * Bytes on the wire, read raw (node:http, which neither asks for nor undoes an
 * encoding): API answers, streamed CSVs and the dashboard's files come
 * compressed only when the client accepts it, always with Vary:
 * Accept-Encoding, and the response cache hands each client its own encoding.
 * The dashboard is a small dist laid out as Vite writes it.
 */
interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let engine: TestEngine;
let server: Server;
let port: number;
let token: string;

/** A script large enough to be worth compressing (> 1 kB), named as Vite names hashed output. */
const SCRIPT = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ day: ${i}, label: "row ${i}" }`).join(', ')}];\n`;
const ASSET = '/assets/index-Bx3_k9Qa.js';

beforeAll(async () => {
  engine = await freshEngine();
  await loadLifecycleFixture(engine);
  // Enough audit entries that the CSV export spans many compressed blocks.
  for (let i = 0; i < 300; i++)
    await audit(engine.db, { actor: `tester-${i}`, role: 'admin', via: 'cli', ip: 'local' }, { action: 'request.refused', target: `/api/thing/${i}` });
  const dist = path.join(engine.dir, 'dist');
  mkdirSync(path.join(dist, 'assets'), { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), `<!doctype html><html><head><script type="module" src="${ASSET}"></script></head><body></body></html>\n`);
  writeFileSync(path.join(dist, ASSET), SCRIPT);
  token = (await tokenFetch(engine.db)).token;
  server = await listen(createApp(engine, dist));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  if (server) await stopListening(server);
  await engine?.cleanup();
});

function get(url: string, encoding?: string): Promise<Raw> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (encoding) headers['accept-encoding'] = encoding;
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: url, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const decoded = (r: Raw): string => {
  const enc = r.headers['content-encoding'];
  return (enc === 'gzip' ? gunzipSync(r.body) : enc === 'br' ? brotliDecompressSync(r.body) : r.body).toString('utf8');
};

/** Asks three ways and checks each answer's encoding; returns the plain text. */
async function threeWays(url: string): Promise<string> {
  const plain = await get(url);
  const gz = await get(url, 'gzip');
  const br = await get(url, 'gzip, deflate, br');
  for (const r of [plain, gz, br]) {
    expect(r.status).toBe(200);
    expect(r.headers.vary).toMatch(/Accept-Encoding/i);
  }
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.length, 'an answer above the 1 kB threshold').toBeGreaterThan(1024);
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(br.headers['content-encoding']).toBe('br');
  expect(gz.body.length).toBeLessThan(plain.body.length);
  expect(br.body.length).toBeLessThan(plain.body.length);
  const text = plain.body.toString('utf8');
  expect(decoded(gz)).toBe(text);
  expect(decoded(br)).toBe(text);
  return text;
}

describe('compression', () => {
  it('compresses a JSON answer only for a client that accepts it, and the cache keeps each client its encoding', async () => {
    const url = '/api/overview?from=2026-03-01&to=2026-03-31';
    const text = await threeWays(url);
    // Now from the response cache: a hit is encoded for the asker, not for whoever filled the entry.
    const [hitPlain, hitBr] = [await get(url), await get(url, 'br')];
    expect([hitPlain.headers['x-cache'], hitBr.headers['x-cache']]).toEqual(['hit', 'hit']);
    expect(hitPlain.headers['content-encoding']).toBeUndefined();
    expect(hitPlain.body.toString('utf8')).toBe(text);
    expect(hitBr.headers['content-encoding']).toBe('br');
    expect(decoded(hitBr)).toBe(text);
    // Security headers still ride on a compressed answer.
    expect(hitBr.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('streams a CSV download compressed to its last line', async () => {
    const url = '/api/audit.csv?action=request.refused&header=keys';
    const gz = await get(url, 'gzip');
    // Streamed: no length known up front.
    expect(gz.headers['content-length']).toBeUndefined();
    expect(gz.headers['content-type']).toContain('text/csv');
    const text = await threeWays(url);
    const { header, rows } = csvParts(text); // ends with a complete line
    expect(header).toBe('seq,at,actor,role,via,ip,action,target,outcome,detail,before,after');
    expect(rows.filter((l) => l.includes(',request.refused,'))).toHaveLength(300);
  });

  it('leaves a small answer as it is', async () => {
    const small = await get('/api/health', 'gzip, br');
    expect(small.status).toBe(200);
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('serves hashed assets compressed and immutable, and index.html revalidated on every load', async () => {
    expect(await threeWays(ASSET)).toBe(SCRIPT);
    expect((await get(ASSET, 'br')).headers['cache-control']).toBe(IMMUTABLE);
    for (const page of ['/', '/index.html', '/?page=value', '/a/deep/link']) {
      const html = await get(page, 'gzip');
      expect(html.status).toBe(200);
      expect(html.headers['content-type']).toContain('text/html');
      expect(html.headers['cache-control']).toBe('no-cache');
      expect(decoded(html)).toContain(ASSET);
    }
  });

  it('answers a missing asset with 404, not the dashboard page', async () => {
    const missing = await get('/assets/index-Zz9_Zz9Z.js', 'gzip');
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).not.toBe(IMMUTABLE);
  });
});
