import { describe, expect, it, onTestFinished } from 'vitest';
import { haveChromium, useRig, type SignedBrowser } from '../helpers/browser.ts';
import { startReceiver } from '../helpers/receiver.ts';

let browser: SignedBrowser;
let apiFetch: typeof fetch;
let base: string;
useRig(31, (rig) => ({ browser, base, fetch: apiFetch } = rig));

const api = async (path: string) => (await apiFetch(`${base}/api/${path}`)).json();

describe.runIf(haveChromium)('reports page in Chromium', () => {
  it('creates a schedule (showing field errors), runs a past week now and opens the report from the archive', async () => {
    const hook = await startReceiver();
    onTestFinished(() => hook.close());
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/?page=reports&lang=en`);
    await expect.poll(() => page.getByTestId('report-schedules').textContent()).toContain('No report schedule yet');
    await expect.poll(() => page.locator('body').textContent()).toContain('No report has run yet');

    // A bad schedule: the server's messages show under their fields and nothing is saved.
    await page.getByTestId('new-schedule').click();
    const editor = page.getByTestId('schedule-editor');
    await editor.locator('input[name=cron]').fill('every monday');
    await page.getByTestId('save-schedule').click();
    await expect.poll(() => editor.textContent()).toContain('Required');
    expect(await editor.textContent()).toContain('Needs five fields: minute hour day-of-month month day-of-week');
    expect((await api('reports/schedules')).schedules).toEqual([]);

    await editor.locator('input[name=name]').fill('Weekly churn report');
    await editor.locator('input[name=cron]').fill('0 8 * * 1');
    await editor.getByLabel('Chinese').uncheck();
    // A webhook outside DELIVERY_ALLOW (loopback only here) is refused under its field.
    await editor.locator('textarea[name=webhooks]').fill('https://hooks.example.com/r');
    await page.getByTestId('save-schedule').click();
    await expect.poll(() => editor.textContent()).toContain('”: destination not allowed by DELIVERY_ALLOW: hooks.example.com');
    expect((await api('reports/schedules')).schedules).toEqual([]);
    await editor.locator('textarea[name=webhooks]').fill(hook.url);
    await editor.locator('input[name=includePlayerIds]').check();
    await page.getByTestId('save-schedule').click();
    await expect.poll(() => page.getByTestId('report-schedules').textContent()).toContain('Saved as version 1.');
    const [schedule] = (await api('reports/schedules')).schedules;
    expect(schedule).toMatchObject({ name: 'Weekly churn report', langs: ['en'], webhooks: [hook.url], includePlayerIds: true });

    // Run now: the default day is a week before the last day with data (2026-03-31), in the week 03-23..03-29.
    expect(await page.getByTestId('run-day').inputValue()).toBe('2026-03-24');
    await page.getByTestId('run-now').click();
    await page.getByTestId('run-result').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('run-result').textContent()).toContain('English Done');
    const runs = (await api('reports/runs')).runs;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ windowFrom: '2026-03-23', windowTo: '2026-03-29', lang: 'en', state: 'done', trigger: 'manual' });
    const row = page.locator(`[data-run-id="${runs[0].runId}"]`);
    await expect.poll(() => row.getAttribute('data-state')).toBe('done');
    expect(await row.textContent()).toContain('Mar 23, 2026 – Mar 29, 2026');
    // The webhook got the summary, and the archive says so (it looks again shortly after a run).
    await expect.poll(() => hook.received.length).toBe(1);
    expect(JSON.parse(hook.received[0].body).runId).toBe(runs[0].runId);
    await expect.poll(() => row.getByTestId('delivery').textContent()).toBe(`webhook ${hook.url}: delivered`);

    // View opens the stored page itself, with its inline SVG charts.
    const [popup] = await Promise.all([page.waitForEvent('popup'), row.getByTestId('view-report').click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(`${base}/api/reports/runs/${runs[0].runId}/report.html`);
    expect(await popup.locator('svg').count()).toBeGreaterThan(0);
    const stored = await (await apiFetch(popup.url())).text();
    expect(await popup.evaluate(() => document.documentElement.outerHTML.length)).toBeGreaterThan(stored.length / 2);
    // The data files download.
    const csvHref = await row.locator('a[download$=".csv"]').first().getAttribute('href');
    const csv = await apiFetch(`${base}${csvHref}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment/);

    // Archive the schedule: it leaves the list and stops; shown again on request, it can be restored.
    await page.getByRole('button', { name: 'Archive “Weekly churn report”' }).click();
    await expect.poll(() => page.getByTestId('report-schedules').textContent()).toContain('No report schedule yet');
    expect((await api('reports/schedules')).schedules).toEqual([]);
    await page.getByTestId('show-archived').check();
    await page.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(async () => (await api('reports/schedules')).schedules.map((s: { archived: boolean }) => s.archived)).toEqual([false]);
    await expect.poll(() => page.getByTestId('report-schedules').textContent()).toContain('is restored');

    // An enabled schedule says when it runs next, on its own clock (Mondays 08:00).
    await expect
      .poll(() => page.getByTestId('next-run').first().textContent())
      .toMatch(/^next run Mon, [A-Z][a-z]{2} \d{1,2}, 08:00, in \d+ (hours?|days?|minutes?)$/);
    // A schedule whose reports would reach nobody says so in its row.
    expect(await page.getByTestId('delivery-warning').count()).toBe(0);
    await page.getByTestId('new-schedule').click();
    await editor.locator('input[name=name]').fill('Archive only');
    await editor.locator('input[name=cron]').fill('0 9 * * 1');
    await page.getByTestId('save-schedule').click();
    await expect.poll(() => page.getByTestId('delivery-warning').textContent()).toBe('No recipients: its reports are only archived here.');

    // In Chinese.
    await page.goto(`${base}/?page=reports&lang=zh`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('流失报告');
    await expect.poll(() => page.getByTestId('delivery-warning').textContent()).toBe('没有收件人：报告只会存档在这里。');
    await expect.poll(() => row.textContent()).toContain('完成');
    expect(await page.getByTestId('next-run').first().textContent()).toMatch(/^下次运行：\d{1,2}月\d{1,2}日周一 08:00（\d+(小时|天|分钟)后）$/);
    // The server's field errors are worded in Chinese.
    await page.getByTestId('new-schedule').click();
    await editor.locator('input[name=cron]').fill('61 8 * * 1');
    await page.getByTestId('save-schedule').click();
    await expect.poll(() => editor.textContent()).toContain('必填');
    expect(await editor.textContent()).toContain('“61 8 * * 1”不是有效的 cron 表达式：');
    expect(errors).toEqual([]);
  }, 180_000);

  it('reads on a phone in both languages: one column, tables become lists, the summary first', async () => {
    const post = async (path: string, body: unknown) => {
      const r = await apiFetch(`${base}/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(r.status, path).toBeLessThan(300);
      return r.json();
    };
    const { schedule } = await post('reports/schedules', { name: 'Phone check', cron: '0 8 * * 1', langs: ['en', 'zh'], includePlayerIds: true });
    const answer = await post(`reports/schedules/${schedule.scheduleId}/run`, { window: '2026-03-24', deliver: false });
    expect(answer.runs.map((r: { lang: string; state: string }) => [r.lang, r.state])).toEqual([
      ['en', 'done'],
      ['zh', 'done'],
    ]);
    for (const run of answer.runs as { runId: string; lang: string }[]) {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await page.goto(`${base}/api/reports/runs/${run.runId}/report.html`);
      await page.locator('#headline').waitFor({ timeout: 30_000 });
      const layout = await page.evaluate(() => ({
        width: document.documentElement.scrollWidth,
        view: document.documentElement.clientWidth,
        sections: [...document.querySelectorAll('section')].map((s) => s.id),
        tooWide: [...document.querySelectorAll('table, svg, section, [data-figure]')]
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map((el) => `${el.tagName} ${el.id || el.getAttribute('data-figure') || ''}`),
        // A stacked table hides its head and shows each column's name beside the value.
        heads: [...document.querySelectorAll('thead')].filter((h) => getComputedStyle(h).display !== 'none').length,
        labelled: getComputedStyle(document.querySelector('td[data-label]')!, '::before').content,
      }));
      expect(layout.width, run.lang).toBe(layout.view);
      expect(layout.view).toBe(390);
      expect(layout.tooWide, run.lang).toEqual([]);
      expect(layout.sections[0]).toBe('headline');
      expect(layout.sections).toContain('at_risk');
      expect(layout.heads).toBe(0);
      expect(layout.labelled).not.toBe('none');
      const text = await page.locator('#headline').textContent();
      expect(text).toContain(run.lang === 'zh' ? '变化最大的阶段' : 'Largest movements');
      await page.close();
    }
  }, 120_000);
});
