import { describe, expect, it } from 'vitest';
import { cycleViolations, importViolations, sqlCallViolations, type Import } from '../../scripts/layerRules.ts';

const imp = (from: string, to: string, typeOnly = false): Import => ({ from, to, typeOnly, external: !to.includes('/') || to.startsWith('node:') });
const rules = (found: { from: string; to: string; rule: string }[]) => found.map((v) => `${v.from} -> ${v.to}: ${v.rule}`);

describe('layer rules', () => {
  it('lets each layer import what the design allows', () => {
    expect(
      importViolations([
        imp('server/routes/overview.ts', 'server/overview/overview.ts'),
        imp('server/overview/overview.ts', 'server/queries/overview/windowKpis.ts'),
        imp('server/queries/overview/windowKpis.ts', 'server/db/query.ts'),
        imp('server/offers/audienceSql.ts', 'server/db/query.ts', true),
        imp('server/deps.ts', 'server/db/client.ts', true),
        imp('web/src/lib/api.ts', 'contract/overview.ts', true),
        imp('contract/overview.ts', 'contract/enums.ts'),
        imp('contract/requests.ts', 'zod'),
        imp('test/integration/x.test.ts', 'server/db/query.ts'),
      ]),
    ).toEqual([]);
  });

  it('names the broken rule for each import that crosses a layer', () => {
    expect(
      rules(
        importViolations([
          imp('server/routes/value.ts', 'server/db/client.ts', true),
          imp('server/lifecycle/stageView.ts', 'server/db/query.ts'),
          imp('jobs/models.ts', 'server/db/query.ts'),
          imp('web/src/lib/api.ts', 'server/overview/overview.ts', true),
          imp('contract/overview.ts', 'server/money.ts', true),
          imp('contract/overview.ts', 'node:crypto'),
        ]),
      ),
    ).toEqual([
      'server/routes/value.ts -> server/db/client.ts: routes never import server/db (not even types)',
      'server/lifecycle/stageView.ts -> server/db/query.ts: only server/queries and server/db run SQL',
      'jobs/models.ts -> server/db/query.ts: only server/queries and server/db run SQL',
      'web/src/lib/api.ts -> server/overview/overview.ts: web imports only web and contract',
      'contract/overview.ts -> server/money.ts: contract imports only contract (and no Node built-in: the browser loads it)',
      'contract/overview.ts -> node:crypto: contract imports only contract (and no Node built-in: the browser loads it)',
    ]);
  });

  it('allows the engine client only under server/queries and server/db', () => {
    const calls = [
      { file: 'server/queries/ingest/fresh.ts', call: 'db.client.command' },
      { file: 'server/ingest/ingestFile.ts', call: 'db.client.exec' },
    ];
    expect(rules(sqlCallViolations(calls))).toEqual([
      'server/ingest/ingestFile.ts -> server/db/client.ts: only server/queries and server/db run SQL (db.client.exec)',
    ]);
  });

  it('reports each import cycle once, by its shortest loop, type-only imports included', () => {
    const imports = [
      imp('web/src/lib/a.ts', 'web/src/lib/b.ts', true),
      imp('web/src/lib/b.ts', 'web/src/lib/c.ts', true),
      imp('web/src/lib/c.ts', 'web/src/lib/a.ts', true),
      imp('web/src/lib/c.ts', 'web/src/lib/b.ts', true),
      imp('server/x.ts', 'server/x.ts'),
      imp('server/y.ts', 'server/z.ts'),
      imp('test/a.ts', 'test/b.ts'),
      imp('test/b.ts', 'test/a.ts'),
    ];
    expect(rules(cycleViolations(imports)).sort()).toEqual([
      'server/x.ts -> server/x.ts: no import cycles (server/x.ts -> server/x.ts)',
      'web/src/lib/a.ts -> web/src/lib/b.ts: no import cycles (web/src/lib/a.ts -> web/src/lib/b.ts -> web/src/lib/c.ts -> web/src/lib/a.ts)',
    ]);
  });
});
