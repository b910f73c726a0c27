import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendMail } from '../../server/reports/deliverEmail.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import { loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';
import { fileNameOf, leaves, parseMime } from '../helpers/mime.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';
import { expectSigned } from '../helpers/webhookSignature.ts';
import { startSmtp, type SmtpRig } from '../helpers/smtp.ts';
import { writeRunningClaim } from '../helpers/reportRuns.ts';

/**
 * The reports API end to end on the lifecycle fixture (data to 2026-03-31):
 * real report content, a real SMTP server process and a real HTTP receiver.
 * The week 03-23..03-29 is the window run throughout.
 */
const SECRET = 'report-secret';
const PUBLIC = 'http://dash.example.test';
let rig: ApiRig;
let smtp: SmtpRig;
let hook: Receiver;
let failingHook: Receiver;

beforeAll(async () => {
  smtp = await startSmtp();
  hook = await startReceiver();
  failingHook = await startReceiver([500, 500, 500]);
  rig = await startApi(loadLifecycleFixture, {
    SMTP_URL: smtp.url,
    SMTP_FROM: 'Churn Reports <reports@dash.example.test>',
    WEBHOOK_SECRET: SECRET,
    WEBHOOK_ATTEMPTS: '3',
    WEBHOOK_RETRY_BASE_MS: '20',
    PUBLIC_URL: PUBLIC,
    // The local SMTP server and receivers, and the recipients' domain.
    DELIVERY_ALLOW: '127.0.0.1, example.com',
  });
});
afterAll(async () => {
  await rig?.close();
  await smtp?.close();
  await hook?.close();
  await failingHook?.close();
});

const put = async (p: string, body: object) => {
  const res = await rig.fetch(`${rig.base}${p}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};

async function deliveriesOf(runId: string, n: number): Promise<any[]> {
  for (let i = 0; i < 200; i++) {
    const d = (await rig.get(`/api/reports/runs/${runId}/deliveries`)).body.deliveries;
    if (d.length >= n) return d;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${runId}: fewer than ${n} delivery attempts recorded`);
}

const SCHEDULE = {
  name: 'Weekly churn report',
  cron: '0 8 * * 1',
  tz: 'Asia/Shanghai',
  period: 'week',
  langs: ['en', 'zh'],
  emails: ['ops@example.com'],
  webhooks: [] as string[],
  topN: 5,
  sections: ['stage_mix', 'decline_movers', 'at_risk', 'retention', 'data_health'],
  enabled: true,
  // Sent as stored: the copy without player ids is tested in reports-delivery-hardening.test.ts.
  includePlayerIds: true,
};
let scheduleId = '';
let firstRuns: { runId: string; lang: string; files: { name: string; sha256: string; bytes: number }[] }[] = [];

describe('schedules', () => {
  it('refuses a bad schedule with one message per field', async () => {
    const r = await rig.post('/api/reports/schedules', { ...SCHEDULE, cron: '99 * * * *', emails: ['not-an-address'], langs: [] });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['cron', 'emails', 'langs']);
    expect((await rig.post('/api/reports/schedules', [] as unknown as object)).status).toBe(400);
  });

  it('saves a schedule, and a change as a new version', async () => {
    const r = await rig.post('/api/reports/schedules', { ...SCHEDULE, webhooks: [hook.url] });
    expect(r.status).toBe(201);
    scheduleId = r.body.schedule.scheduleId;
    expect(r.body.schedule).toMatchObject({ version: 1, source: 'dashboard', langs: ['en', 'zh'], webhooks: [hook.url] });
    const same = await put(`/api/reports/schedules/${scheduleId}`, { ...SCHEDULE, webhooks: [hook.url] });
    expect(same.body).toMatchObject({ saved: false, schedule: { version: 1 } });
    expect((await put('/api/reports/schedules/nope', SCHEDULE)).status).toBe(404);
    const list = await rig.get('/api/reports/schedules');
    expect(list.body.schedules.map((s: { scheduleId: string }) => s.scheduleId)).toEqual([scheduleId]);
    expect(list.body.choices.sections).toContain('stage_mix');
    // The name in other languages is part of the schedule: a change is a new version, and it is checked.
    const named = await put(`/api/reports/schedules/${scheduleId}`, { ...SCHEDULE, webhooks: [hook.url], texts: { zh: { name: ' 周报 ' } } });
    expect(named.body).toMatchObject({ saved: true, schedule: { version: 2, texts: { zh: { name: '周报' } } } });
    const bad = await put(`/api/reports/schedules/${scheduleId}`, { ...SCHEDULE, texts: { fr: { name: 'Hebdo' } } });
    expect([bad.status, bad.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['texts']]);
  });
});

describe('run now and delivery', () => {
  it('runs the week holding the given day in both languages and writes the files it records', async () => {
    const r = await rig.post(`/api/reports/schedules/${scheduleId}/run`, { window: '2026-03-25' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.window).toEqual({ from: '2026-03-23', to: '2026-03-29' });
    expect(r.body.runs.map((x: { lang: string; state: string }) => [x.lang, x.state])).toEqual([
      ['en', 'done'],
      ['zh', 'done'],
    ]);
    firstRuns = r.body.runs;
    for (const run of firstRuns) {
      const names = run.files.map((f) => f.name);
      expect(names).toContain('report.html');
      expect(names).toContain('summary.json');
      expect(names.some((n) => n.endsWith('.csv'))).toBe(true);
      const dir = r.body.runs.find((x: { runId: string }) => x.runId === run.runId).outputDir;
      expect(dir).toBe(path.join(rig.engine.cfg.reports.dir, scheduleId, '2026-03-29', run.lang));
      for (const f of run.files)
        expect(
          createHash('sha256')
            .update(readFileSync(path.join(dir, f.name)))
            .digest('hex'),
        ).toBe(f.sha256);
    }
  });

  it('e-mails each language through the SMTP server: subject in that language, the HTML page as the body, the CSV files attached', async () => {
    const msgs = await smtp.waitFor(2);
    expect(msgs.every((m) => m.to.join() === 'ops@example.com' && m.from === 'reports@dash.example.test')).toBe(true);
    const parsed = msgs.map((m) => parseMime(m.raw));
    const subjects = parsed.map((p) => p.headers.subject).sort();
    expect(subjects).toEqual(['Weekly churn report: Mar 23, 2026 to Mar 29, 2026', '周报：2026年3月23日 至 2026年3月29日']);
    for (const p of parsed) {
      const run = firstRuns.find((r) => (r.lang === 'zh') === p.headers.subject.includes('至'))!;
      const parts = leaves(p);
      const html = parts.find((x) => (x.headers['content-type'] ?? '').startsWith('text/html'))!;
      const stored = readFileSync(path.join(rig.engine.cfg.reports.dir, scheduleId, '2026-03-29', run.lang, 'report.html'));
      expect(html.body.toString('utf8').replace(/\r\n/g, '\n')).toBe(stored.toString('utf8').replace(/\r\n/g, '\n'));
      const attached = parts.map(fileNameOf).filter(Boolean).sort();
      expect(attached).toEqual(
        run.files
          .map((f) => f.name)
          .filter((n) => n.endsWith('.csv'))
          .sort(),
      );
    }
    // The Chinese page is in Chinese.
    const zhHtml = leaves(parsed.find((p) => p.headers.subject.includes('至'))!).find((x) => (x.headers['content-type'] ?? '').startsWith('text/html'))!;
    expect(zhHtml.body.toString('utf8')).toMatch(/[\u4e00-\u9fff]/);
    // Both open with the summary a manager reads first.
    expect(zhHtml.body.toString('utf8')).toContain('<section id="headline"');
    expect(zhHtml.body.toString('utf8')).toContain('概览');
  });

  it('posts the signed JSON summary with links to the stored page and the archive', async () => {
    for (const run of firstRuns) await deliveriesOf(run.runId, 2);
    expect(hook.received).toHaveLength(2);
    for (const req of hook.received) {
      expectSigned(req, SECRET);
      const body = JSON.parse(req.body);
      const run = firstRuns.find((r) => r.runId === body.runId)!;
      expect(body).toMatchObject({ event: 'report', scheduleId, window: { from: '2026-03-23', to: '2026-03-29' }, lang: run.lang });
      expect(body.links.html).toBe(`${PUBLIC}/api/reports/runs/${run.runId}/report.html`);
      expect(body.links.archive).toBe(`${PUBLIC}/?page=reports`);
      const stored = JSON.parse(readFileSync(path.join(rig.engine.cfg.reports.dir, scheduleId, '2026-03-29', run.lang, 'summary.json'), 'utf8'));
      expect(body.summary).toEqual(stored);
    }
    const list = await rig.get(`/api/reports/runs?schedule=${scheduleId}`);
    expect(list.body.total).toBe(2);
    for (const run of list.body.runs) {
      expect(run.deliveries.map((d: { channel: string; status: string }) => `${d.channel}:${d.status}`).sort()).toEqual(['email:ok', 'webhook:ok']);
    }
  });

  it('a re-run of the same window writes byte-identical files', async () => {
    const r = await rig.post(`/api/reports/schedules/${scheduleId}/run`, { window: '2026-03-29', lang: 'en', deliver: false });
    expect(r.status).toBe(200);
    const before = firstRuns.find((x) => x.lang === 'en')!.files;
    expect(r.body.runs[0].runId).not.toBe(firstRuns[0].runId);
    expect(r.body.runs[0].files).toEqual(before);
  });

  it('records failed deliveries and shows them in the runs list', async () => {
    const v2 = await put(`/api/reports/schedules/${scheduleId}`, {
      ...SCHEDULE,
      langs: ['zh'],
      emails: ['bounce@example.com', 'later@example.com'],
      webhooks: [failingHook.url],
    });
    expect(v2.body).toMatchObject({ saved: true, schedule: { version: 3 } }); // 2 gave it a Chinese name
    const r = await rig.post(`/api/reports/schedules/${scheduleId}/run`, { window: '2026-03-16' });
    expect(r.body.runs.map((x: { lang: string }) => x.lang)).toEqual(['zh']);
    const runId = r.body.runs[0].runId;
    const attempts = await deliveriesOf(runId, 7);
    const by = (target: string) => attempts.filter((a) => a.target === target).map((a) => `${a.status}:${a.httpStatus}`);
    expect(by(failingHook.url)).toEqual(['failed:500', 'failed:500', 'failed:500']);
    expect(by('bounce@example.com')).toEqual(['failed:550']); // refused for good: not retried
    expect(by('later@example.com')).toEqual(['failed:451', 'failed:451', 'failed:451']);
    const shown = (await rig.get(`/api/reports/runs/${runId}`)).body;
    expect(shown.state).toBe('done');
    expect(shown.deliveries.find((d: { target: string }) => d.target === 'bounce@example.com').error).toMatch(/550/);
  });

  it('without SMTP_URL an e-mail is a recorded failure that says so', async () => {
    const cfg = { ...rig.engine.cfg, smtp: { from: 'x@example.com' } };
    const out = await sendMail(rig.engine.db, cfg, {
      subject: 'report',
      subjectId: 'no-smtp',
      to: 'ops@example.com',
      title: 't',
      html: '<p>x</p>',
      attachments: [],
    });
    expect(out.ok).toBe(false);
    expect(out.attempts.map((a) => a.error)).toEqual(['SMTP_URL is not set: e-mail is off']);
  });
});

describe('refusals and files', () => {
  it('refuses future, malformed and busy windows', async () => {
    const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    expect((await rig.post(`/api/reports/schedules/${scheduleId}/run`, { window: nextWeek })).body.error).toMatch(/has not ended yet/);
    expect((await rig.post(`/api/reports/schedules/${scheduleId}/run`, { window: '2999-01-04' })).body.param).toMatchObject({
      name: 'window',
      problem: 'range',
    });
    expect((await rig.post(`/api/reports/schedules/${scheduleId}/run`, { window: '2026-02-30' })).status).toBe(400);
    expect((await rig.post(`/api/reports/schedules/${scheduleId}/run`, {})).status).toBe(400);
    expect((await rig.post(`/api/reports/schedules/${scheduleId}/run`, { window: '2026-03-10', lang: 'fr' })).status).toBe(400);
    expect((await rig.post('/api/reports/schedules/nope/run', { window: '2026-03-10' })).status).toBe(404);
    // Another process is running 03-09..03-15 in Chinese: its claim is in report_runs.
    await writeRunningClaim(rig.engine.db, {
      runId: '00000000-0000-4000-8000-000000000001',
      scheduleId,
      scheduleVersion: 2,
      windowFrom: '2026-03-09',
      windowTo: '2026-03-15',
      lang: 'zh',
    });
    const busy = await rig.post(`/api/reports/schedules/${scheduleId}/run`, { window: '2026-03-12' });
    expect(busy.status).toBe(409);
    expect(busy.body.error).toMatch(/is running/);
  });

  it("serves the page inline and the data as downloads, only the run's own files", async () => {
    const run = firstRuns.find((r) => r.lang === 'en')!;
    const page = await rig.fetch(`${rig.base}/api/reports/runs/${run.runId}/report.html`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-disposition')).toMatch(/^inline/);
    expect(
      createHash('sha256')
        .update(Buffer.from(await page.arrayBuffer()))
        .digest('hex'),
    ).toBe(run.files.find((f) => f.name === 'report.html')!.sha256);
    const csvName = run.files.find((f) => f.name.endsWith('.csv'))!.name;
    const csv = await rig.fetch(`${rig.base}/api/reports/runs/${run.runId}/${csvName}`);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="${csvName}"`);
    const json = await rig.fetch(`${rig.base}/api/reports/runs/${run.runId}/summary.json`);
    expect(json.headers.get('content-disposition')).toMatch(/^attachment/);
    expect((await json.json()).window).toEqual({ from: '2026-03-23', to: '2026-03-29' });
    // A path out of the run's folder is not a file name at all; a name the run does not have is not found.
    for (const p of ['..%2F..%2Fconfig.ts', '..%2Fzh%2Freport.html']) {
      expect((await rig.fetch(`${rig.base}/api/reports/runs/${run.runId}/${p}`)).status).toBe(400);
    }
    expect((await rig.fetch(`${rig.base}/api/reports/runs/${run.runId}/other.csv`)).status).toBe(404);
    expect((await rig.get('/api/reports/runs/not-a-run/report.html')).status).toBe(400);
    expect((await rig.get('/api/reports/runs/00000000-0000-4000-8000-00000000ffff')).status).toBe(404);
    expect((await rig.get('/api/reports/runs?limit=0')).status).toBe(400);
  });
});
