import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REQUESTS_DOC, requestsDoc } from '../../scripts/requestsDoc.ts';

describe('the API parameter reference', () => {
  it('is what contract/requests.ts says today (run `npm run docs:requests` after changing a route)', () => {
    expect(readFileSync(REQUESTS_DOC, 'utf8')).toBe(requestsDoc());
  });

  it('lists every bound of a route, its required fields and its defaults', () => {
    const doc = requestsDoc({
      'GET /api/x': { query: { limit: { type: 'whole', min: 1, max: 9, default: 3 }, pick: { type: 'choice', choices: ['a|b'], required: true } } },
    });
    expect(doc).toContain('| `GET /api/x` | query | `limit` | whole number, 1 to 9 | `3` |');
    expect(doc).toContain('| `GET /api/x` | query | `pick` | one of `a\\|b` | required |');
  });
});
