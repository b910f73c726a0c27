import { describe, expect, it } from 'vitest';
import { addDays } from '../../server/days.ts';
import { translate, type MessageKey } from '../../web/src/lib/i18n.ts';
import { modelNoteText } from '../../web/src/lib/modelNote.ts';
import { haveChromium, useRig, type SignedBrowser } from '../helpers/browser.ts';
import { expectDefinitionMark } from '../helpers/definitions.ts';

let browser: SignedBrowser;
let apiFetch: typeof fetch;
let base: string;
useRig(23, (rig) => ({ browser, base, fetch: apiFetch } = rig));

const api = async (path: string, body?: object) =>
  (
    await apiFetch(`${base}/api/${path}`, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : undefined)
  ).json();
const sig = (n: number) => new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 }).format(n);
const int = (n: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(n);
const pct = (n: number) => new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(n);

describe.runIf(haveChromium)('models page in Chromium', () => {
  it('fits on request, shows the parameters and the holdout check of the API, and speaks Chinese', async () => {
    const before = await api('models');
    expect(before.current).toEqual({ engagement: null, monetary: null });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/?page=models&lang=en`);
    await expect.poll(() => page.getByTestId('state-empty').first().textContent()).toContain('No model fitted yet');

    // The request is held back until the page has shown that it is fitting.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/models/fit', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByTestId('fit-now').click();
    await page.getByTestId('fit-progress').waitFor();
    expect(await page.getByTestId('fit-now').isDisabled()).toBe(true);
    expect(await page.getByTestId('fit-now').textContent()).toBe('Fitting…');
    release();
    await page.getByTestId('fit-result').waitFor({ timeout: 60_000 });
    await page.unroute('**/api/models/fit');
    const { current, latest } = await api('models');
    expect(current.engagement.status).toBe('ok');
    expect(await page.getByTestId('fit-result').textContent()).toContain(
      `Fitted as of ${new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${current.engagement.asOf}T00:00:00Z`))}`,
    );
    expect(await page.getByTestId('fit-now').isEnabled()).toBe(true);
    for (const name of ['r', 'alpha', 'a', 'b']) {
      await expect.poll(() => page.getByTestId(`param-engagement-${name}`).textContent()).toBe(sig(current.engagement.params[name]));
    }
    expect(await page.getByTestId('ll-engagement-bgnbd').textContent()).toBe(
      new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(current.engagement.logLikelihood),
    );
    // Gamma-Gamma needs many repeat payers, which this seeded game lacks (the fit runs off to a degenerate p):
    // the card says why instead of showing scores.
    expect(latest.monetary.status).toBe('failed');
    expect(await page.getByTestId('fit-monetary-attempt').textContent()).toContain(modelNoteText(latest.monetary.note, '', 'en'));
    expect(latest.monetary.note).toMatchObject({ code: 'fit_unusable', values: { model: 'Gamma-Gamma' } });

    // The per-stage summary follows the new scores.
    const { stageScores } = await api('value');
    const stable = stageScores.find((s: any) => s.stage === 'stable');
    await expect.poll(() => page.getByTestId('stage-p-alive-stable').textContent()).toBe(pct(stable.meanPAlive));
    // One-time players (P(alive) = 1 by construction) are counted apart, their share of the scored in brackets.
    const decline = stageScores.find((s: any) => s.stage === 'decline');
    expect(await page.getByTestId('stage-one-time-decline').textContent()).toBe(`${int(decline.oneTime)}(${pct(decline.oneTime / decline.scored)})`);

    // The holdout check with a chosen calibration end.
    const { maxDay } = await api('meta');
    const calibrationEnd = addDays(maxDay, -21);
    const trust = await api(`models/trust?kind=engagement&calibrationEnd=${calibrationEnd}&holdoutDays=14`);
    expect(trust.status).toBe('ok');
    await page.getByTestId('trust-end').fill(calibrationEnd);
    await page.getByTestId('trust-days').fill('14');
    await page.getByTestId('trust-run').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('trustEnd')).toBe(calibrationEnd);
    await expect.poll(() => page.getByTestId('trust-actual-7').textContent()).toBe(int(trust.buckets[7].actual));
    expect(await page.getByTestId('trust-predicted-0').textContent()).toBe(int(trust.buckets[0].predicted));
    expect(await page.locator('[data-testid="trust-buckets"] tbody tr').count()).toBe(8);
    await page.locator('[data-testid="chart-trust"][data-rendered="true"] svg').waitFor();
    const labels = await page.locator('[data-testid="chart-trust"] svg text').allTextContents();
    expect(labels).toContain('7+');
    expect(labels).toContain('Predicted');
    expect(await page.getByTestId('trust-reading').textContent()).toContain(
      `the players had ${int(trust.buckets.reduce((n: number, b: any) => n + b.actual, 0))}`,
    );
    // The check, the cohort curves and the segment values name their definitions, from the one table.
    const panelMetrics = ['holdoutError', 'cohortSurvival', 'cohortProjection', 'segmentRevenuePerPlayer', 'segmentRetention', 'segmentClv'] as const;
    for (const key of panelMetrics) await expectDefinitionMark(page, key, 'en');

    // A refused fit (another refresh running) is reported with the server's reason.
    await page.route('**/api/models/fit', (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'a model refresh is already running; try again when it has finished' }),
      }),
    );
    await page.getByTestId('fit-now').click();
    await expect
      .poll(() => page.getByTestId('fit-error').textContent())
      .toBe('The fit could not run: a model refresh is already running; try again when it has finished');
    expect(await page.getByTestId('fit-now').isEnabled()).toBe(true);

    await page.locator('header select').selectOption('zh');
    await expect.poll(() => page.locator('h1').textContent()).toBe('流失与价值模型');
    expect(await page.getByTestId('trust-run').textContent()).toBe('运行检验');
    for (const key of panelMetrics) await expectDefinitionMark(page, key, 'zh');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the scores of the API on the player profile and the value lists, and a failed fit beside the scores it leaves in place', async () => {
    const top = await api('value/lists/top_spenders?limit=1');
    const id = top.players[0].playerId;
    const profile = await api(`players/${id}`);
    expect(profile.scores.pAlive).toBeTypeOf('number');
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${base}/?page=players&player=${id}&lang=en`);
    await expect.poll(() => page.getByTestId('player-p-alive').textContent()).toBe(pct(profile.scores.pAlive));
    for (const key of ['pAlive', 'expectedClv', 'lifetimeSpend'] as const) await expectDefinitionMark(page, key, 'en');
    // Null when the monetary fit of this small game did not succeed: shown as a dash, never as $0.00.
    const clv = profile.scores.expectedClv;
    expect(await page.getByTestId('player-clv').textContent()).toBe(
      clv === null ? '–' : new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Number(clv)),
    );

    // The value lists carry the scores and sort by churn risk on request.
    const byRisk = await api('value/lists/top_spenders?sort=risk');
    await page.goto(`${base}/?page=value&lang=en`);
    await page.getByTestId('value-sort').selectOption('risk');
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('risk');
    const firstRow = page.locator('[data-testid="value-list"] tbody tr').first();
    await expect.poll(() => firstRow.getByTestId('player-link').textContent()).toBe(byRisk.players[0].playerId);
    expect(await firstRow.getByTestId('value-risk').textContent()).toContain(translate('en', `risk.${byRisk.players[0].riskTier}` as MessageKey));
    expect(await firstRow.getByTestId('value-risk').textContent()).toContain(pct(byRisk.players[0].pAlive));

    // On the first day nobody has a repeat visit: the fit fails and the page says which scores still serve.
    const { minDay } = await api('meta');
    const failed = await api('models/fit', { asOf: minDay });
    expect(failed.runs[0]).toMatchObject({ kind: 'engagement', status: 'failed' });
    const { current } = await api('models');
    await page.goto(`${base}/?page=models&lang=en`);
    const notice = page.getByTestId('fit-engagement-attempt');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/BG\/NBD: Too few players: [\d,]+ players, at least [\d,]+ needed/);
    expect(await notice.getByTestId('run-status').textContent()).toBe('Failed');
    expect(await page.getByTestId('param-engagement-r').textContent()).toBe(sig(current.engagement.params.r));
    // In Chinese, the same reason in Chinese.
    await page.goto(`${base}/?page=models&lang=zh`);
    await expect.poll(() => page.getByTestId('fit-engagement-attempt').textContent()).toMatch(/BG\/NBD：玩家太少：[\d,]+ 名玩家，至少需要 [\d,]+ 名/);
    await page.close();
  });
});
