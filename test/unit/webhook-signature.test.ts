import { describe, expect, it } from 'vitest';
import { signature, verifySignature } from '../../server/delivery/sign.ts';
import { documentedSignature } from '../helpers/webhookSignature.ts';

// A fixed vector: secret, timestamp (2026-01-01T00:00:00Z in Unix seconds) and raw body (UTF-8, with
// non-ASCII text). The hex was computed outside the code base with OpenSSL:
//   printf '%s' '1767225600.{"hello":"世界"}' | openssl dgst -sha256 -hmac 'k3y'
const SECRET = 'k3y';
const TIMESTAMP = '1767225600';
const BODY = '{"hello":"世界"}';
const HEADER = 'sha256=8556b0fa0c201ea1c7814074353792639885fd024302d3ced6ab77fda3388bac';

describe('webhook signature', () => {
  it('is the fixed vector: HMAC-SHA256 over "<timestamp>.<body>", hex, after "sha256="', () => {
    expect(signature(SECRET, TIMESTAMP, BODY)).toBe(HEADER);
    // The tests' receiver-side check, written from the README, agrees with the same vector.
    expect(documentedSignature(SECRET, TIMESTAMP, BODY)).toBe(HEADER);
  });

  it('verifies the vector and refuses another secret, timestamp or body, and a missing header', () => {
    expect(verifySignature(SECRET, TIMESTAMP, BODY, HEADER)).toBe(true);
    expect(verifySignature('k3Y', TIMESTAMP, BODY, HEADER)).toBe(false);
    expect(verifySignature(SECRET, '1767225601', BODY, HEADER)).toBe(false);
    expect(verifySignature(SECRET, TIMESTAMP, '{"hello":"世界"} ', HEADER)).toBe(false);
    expect(verifySignature(SECRET, TIMESTAMP, BODY, HEADER.toUpperCase())).toBe(false);
    expect(verifySignature(SECRET, TIMESTAMP, BODY, undefined)).toBe(false);
  });
});
