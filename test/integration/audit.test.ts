import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../contract/audit.ts';
import type { OfferDefinition } from '../../contract/offers.ts';
import { audit } from '../../server/audit/audit.ts';
import { entryHash } from '../../server/audit/chain.ts';
import type { AuditRecord } from '../../server/queries/audit/appendAudit.ts';
import { erasureKey, playerKeyHash } from '../../server/erasure/playerKey.ts';
import { ANY_CONDITIONS, DEFAULT_OFFERS } from '../../server/offers/defaults.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import { tokenFetch } from '../helpers/auth.ts';
import { loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';
import { csvParts } from '../helpers/csv.ts';

/**
 * The audit trail over real API calls on the lifecycle fixture: every write
 * and sensitive read leaves one chained entry; verify names the first entry
 * an edit, a deletion or a cut-off tail broke.
 */
// A default offer under a new id, for every decline player: the launch has an audience.
const base = DEFAULT_OFFERS.find((o) => o.stages.includes('decline')) as OfferDefinition;
const offer: OfferDefinition = { ...base, offerId: 'audit-offer', name: 'Audit gems', conditions: ANY_CONDITIONS, stages: ['decline'] };

let rig: ApiRig;
let receiver: Receiver;
let webhookUrl: string;

const send = async (method: string, path: string, body?: object, f: typeof fetch = rig.fetch) => {
  const res = await f(`${rig.base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text() };
};
const entries = async (query = ''): Promise<{ total: number; entries: AuditEntry[]; actions: string[] }> => (await rig.get(`/api/audit${query}`)).body;
const verify = async () => (await rig.get('/api/audit/verify')).body;
const sql = (query: string) => rig.engine.db.client.command({ query, clickhouse_settings: { mutations_sync: '2' } });

beforeAll(async () => {
  receiver = await startReceiver();
  // Credentials in the webhook's URL: the trail must keep the host only.
  webhookUrl = receiver.url.replace('http://', 'http://hookuser:hooksecret@');
  rig = await startApi(loadLifecycleFixture, { OFFERS_WEBHOOK_URL: `${webhookUrl}?key=querysecret`, WEBHOOK_ATTEMPTS: '1' });
}, 120_000);
afterAll(async () => {
  await rig?.close();
  await receiver?.close();
});

describe('audit trail', () => {
  let launchId = '';

  it('records each state-changing call with who, what, before and after', async () => {
    const settings = (await rig.get('/api/settings/lifecycle')).body;
    const rules = { ...settings.active.rules, decline_idle_days: '8' };
    expect((await send('POST', '/api/settings/lifecycle', { rules, author: 'ana' })).status).toBe(202);
    expect((await send('POST', '/api/offers', { offer, author: 'ana' })).status).toBe(201);
    expect((await send('PUT', '/api/offers/audit-offer', { offer: { ...offer, name: 'Audit gems 2' }, author: 'ana', baseVersion: 1 })).status).toBe(200);
    expect((await send('POST', '/api/offers/audit-offer/archive', { author: 'ana' })).status).toBe(200);
    expect((await send('POST', '/api/offers/audit-offer/restore', { author: 'ana' })).status).toBe(200);
    const launch = await send('POST', '/api/offers/audit-offer/launch', { author: 'ana', webhook: true, seed: 7 });
    expect(launch.status).toBe(200);
    launchId = launch.body.launch.launchId;
    expect((await send('POST', '/api/offers/audit-offer/archive', { author: 'ana' })).status).toBe(200);
    // A conflict: nothing changed, and the trail says the attempt failed.
    expect((await send('POST', '/api/offers/audit-offer/archive', { author: 'ana' })).status).toBe(409);

    const { body } = await rig.get('/api/audit?limit=500');
    const actions = (body.entries as AuditEntry[]).map((e) => e.action).reverse();
    expect(actions).toEqual(['rules.save', 'offer.create', 'offer.save', 'offer.archive', 'offer.restore', 'offer.launch', 'offer.archive', 'offer.archive']);
    const [rulesSave] = body.entries.slice(-1) as AuditEntry[];
    expect(rulesSave).toMatchObject({ actor: 'tests-admin', role: 'admin', via: 'token', outcome: 'ok', target: expect.stringMatching(/^rules:v\d+$/) });
    expect(JSON.parse(rulesSave.before).decline_idle_days).toBe(settings.active.rules.decline_idle_days);
    expect(JSON.parse(rulesSave.after).decline_idle_days).toBe('8');
    expect(rulesSave.ip).toMatch(/127\.0\.0\.1/);

    const save = body.entries.find((e: AuditEntry) => e.action === 'offer.save') as AuditEntry;
    expect(JSON.parse(save.before)).toMatchObject({ version: 1, name: 'Audit gems' });
    expect(JSON.parse(save.after)).toMatchObject({ version: 2, name: 'Audit gems 2' });
    expect(body.entries[0]).toMatchObject({ action: 'offer.archive', outcome: 'failed', detail: JSON.stringify({ error: 'conflict' }) });

    const launched = body.entries.find((e: AuditEntry) => e.action === 'offer.launch') as AuditEntry;
    expect(JSON.parse(launched.detail)).toMatchObject({
      launchId,
      offerId: 'audit-offer',
      audience: launch.body.launch.audience,
      treatment: launch.body.launch.treatment,
      holdout: launch.body.launch.holdout,
      destination: new URL(receiver.url).host,
    });
    const wholeTrail = JSON.stringify(body.entries);
    for (const secret of ['hooksecret', 'hookuser', 'querysecret']) expect(wholeTrail).not.toContain(secret);

    expect(await verify()).toEqual({ intact: true, entries: 8 });
  });

  it('records sensitive reads with the player as a keyed hash, never the raw id', async () => {
    expect((await rig.get('/api/players/F')).status).toBe(200);
    expect((await rig.get('/api/players/F/events')).status).toBe(200);
    // Twice: a second read is not served from the response cache without its entry.
    expect((await rig.get('/api/players/F')).status).toBe(200);
    const csv = await rig.fetch(`${rig.base}/api/launches/${launchId}/audience.csv?group=treatment`);
    expect(csv.status).toBe(200);
    await csv.text();

    const { entries: reads } = await entries('?action=player.');
    const hashed = `player:${playerKeyHash(erasureKey(rig.engine.cfg), 'F')}`;
    expect(reads.map((e) => [e.action, e.target])).toEqual([
      ['player.read', hashed],
      ['player.events.read', hashed],
      ['player.read', hashed],
    ]);
    const [exported] = (await entries('?action=launch.audience.export')).entries;
    expect(exported).toMatchObject({ target: `launch:${launchId}`, detail: JSON.stringify({ group: 'treatment' }) });
  });

  it('records refused requests with the route, not the path or query sent', async () => {
    expect((await send('GET', '/api/players/F?q=secret-name', undefined, fetch)).status).toBe(401);
    const viewer = await tokenFetch(rig.engine.db, 'viewer', 'viewer-bot');
    expect((await send('POST', '/api/offers', { offer, author: 'x' }, viewer.fetch)).status).toBe(403);

    const refused = (await entries('?action=request.refused')).entries;
    expect(refused.map((e) => [e.actor, e.role, e.via, e.target, e.outcome, JSON.parse(e.detail).status])).toEqual([
      ['viewer-bot', 'viewer', 'token', 'POST /api/offers', 'refused', 403],
      ['anonymous', '', 'anonymous', 'GET /api/players/:id', 'refused', 401],
    ]);
    expect(JSON.stringify(refused)).not.toContain('secret-name');
  });

  it('filters by user, action and day, newest first, with the total', async () => {
    const all = await entries();
    expect(all.total).toBe(all.entries.length);
    expect(all.entries.map((e) => e.seq)).toEqual([...all.entries.map((e) => e.seq)].sort((a, b) => b - a));
    expect(all.actions).toContain('offer.launch');

    const offers = await entries('?action=offer.&limit=2&offset=1');
    expect(offers.total).toBe(7);
    expect(offers.entries.map((e) => e.action)).toEqual(['offer.archive', 'offer.launch']);
    expect((await entries('?user=anonymous')).total).toBe(1);
    const today = new Date().toISOString().slice(0, 10);
    expect((await entries(`?from=${today}&to=${today}`)).total).toBe(all.total);
    expect((await entries('?to=2020-01-01')).total).toBe(0);
    expect((await rig.get('/api/audit?from=2026-13-01')).status).toBe(400);
    expect((await rig.get('/api/audit?action=DROP TABLE')).status).toBe(400);
  });

  it('exports the filtered entries as formula-safe CSV, and the export is itself recorded', async () => {
    // A name a spreadsheet would run as a formula (the trail takes any actor name an account system allows).
    await audit(rig.engine.db, { actor: '=HYPERLINK("http://x")', role: 'admin', via: 'cli', ip: 'local' }, { action: 'request.refused', target: '@SUM(1)' });
    const before = (await entries()).total;
    const res = await rig.fetch(`${rig.base}/api/audit.csv?action=request.refused&header=keys`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const { comment, header, rows } = csvParts(await res.text());
    expect(comment).toBe('# Filters: action=request.refused');
    const lines = [header, ...rows];
    expect(lines[0]).toBe('seq,at,actor,role,via,ip,action,target,outcome,detail,before,after');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://x"")",admin,cli,local,request.refused,'@SUM(1),ok,`);
    expect(lines[2]).toContain(',viewer-bot,viewer,token,');

    const after = await entries();
    expect(after.total).toBe(before + 1);
    expect(after.entries[0]).toMatchObject({ action: 'audit.export', actor: 'tests-admin', detail: JSON.stringify({ action: 'request.refused' }) });
    expect(await verify()).toEqual({ intact: true, entries: after.total });
  });

  it('names an edited entry, a cut-off tail through the head anchor, an inserted entry and a deleted one', async () => {
    const total = (await entries()).total;
    const k = 3;
    const [original] = (await entries(`?limit=1&offset=${total - k}`)).entries;
    expect(original.seq).toBe(k);

    await sql(`ALTER TABLE audit_log UPDATE target = 'offer:someone-else' WHERE seq = ${k}`);
    expect(await verify()).toMatchObject({ intact: false, entries: k - 1, brokenAt: { seq: k, reason: 'edited' } });
    await sql(`ALTER TABLE audit_log UPDATE target = '${original.target}' WHERE seq = ${k}`);
    expect(await verify()).toEqual({ intact: true, entries: total });

    // The remaining entries still link up: only the anchor shows the loss.
    const [last] = await rig.engine.db.client
      .query({ query: `SELECT * FROM audit_log WHERE seq = ${total}`, format: 'JSONEachRow' })
      .then((r) => r.json<Record<string, unknown>>());
    await sql(`ALTER TABLE audit_log DELETE WHERE seq = ${total}`);
    expect(await verify()).toMatchObject({ intact: false, entries: total - 1, brokenAt: { seq: total, reason: 'head_missing' } });
    await rig.engine.db.client.insert({ table: 'audit_log', values: [last], format: 'JSONEachRow' });
    expect(await verify()).toEqual({ intact: true, entries: total });

    // A forger who knows the hash: a second entry k, correctly hashed and linked to entry k - 1.
    const [stored] = await rig.engine.db.client
      .query({ query: `SELECT * FROM audit_log WHERE seq = ${k}`, format: 'JSONEachRow' })
      .then((r) => r.json<AuditRecord>());
    const { hash: _h, ...fields } = { ...stored, at: new Date(stored.at).toISOString(), target: 'offer:forged' };
    const forged = { ...fields, hash: entryHash(fields) };
    await rig.engine.db.client.insert({ table: 'audit_log', values: [forged], format: 'JSONEachRow' });
    expect(await verify()).toMatchObject({ intact: false, brokenAt: { seq: k, reason: 'out_of_order' } });
    await sql(`ALTER TABLE audit_log DELETE WHERE hash = '${forged.hash}'`);
    expect(await verify()).toEqual({ intact: true, entries: total });

    await sql(`ALTER TABLE audit_log DELETE WHERE seq = ${k}`);
    expect(await verify()).toMatchObject({ intact: false, entries: k - 1, brokenAt: { seq: k, reason: 'missing' } });
  });
});
