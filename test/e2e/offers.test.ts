import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupOf } from '../../server/launches/split.ts';
import { translate } from '../../web/src/lib/i18n.ts';
import { haveChromium, startRig, type BrowserRig, type SignedBrowser } from '../helpers/browser.ts';
import { expectDefinitionMark } from '../helpers/definitions.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';
import { expectSigned } from '../helpers/webhookSignature.ts';
import { csvParts } from '../helpers/csv.ts';

const SECRET = 'e2e-mail-secret';
let rig: BrowserRig | undefined;
let receiver: Receiver;
let browser: SignedBrowser;
let apiFetch: typeof fetch;
let base: string;

// The game's mail system is a real local receiver; the rig's engine is configured to send to it, signed.
beforeAll(async () => {
  if (!haveChromium) return;
  receiver = await startReceiver();
  rig = await startRig(23, { OFFERS_WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: SECRET });
  ({ browser, base, fetch: apiFetch } = rig);
}, 300_000);
afterAll(async () => {
  await rig?.close();
  await receiver?.close();
});

const api = async (path: string) => (await apiFetch(`${base}/api/${path}`)).json();
const en = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const pct = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const usd = (amount: string) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Number(amount));
const csvRows = (text: string) => csvParts(text).rows.map((l) => l.split(','));

describe.runIf(haveChromium)('offers, launch and uplift in Chromium', () => {
  it('a designer creates an offer, sees its proposal, launches it to the mail system and downloads the CSV', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1100 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/?page=offers&lang=en`);
    await page.getByTestId('proposals-table').waitFor({ timeout: 60_000 });

    // A new offer for declining players idle 3 days or more, 2.50 per player, 20% holdout.
    await page.getByTestId('offer-new').click();
    const form = page.getByTestId('offer-editor');
    await form.waitFor();
    await form.getByTestId('offer-offerId').fill('e2e-winback');
    await form.getByTestId('offer-name').fill('E2E win-back gift');
    await form.getByTestId('offer-reward').fill('=500 gems and a catch-up quest');
    await form.getByTestId('offer-conditions.minIdleDays').fill('3');
    await form.getByTestId('offer-cost.fixedCost').fill('2.50');
    await form.getByTestId('offer-holdoutShare').fill('0.2');
    await form.getByTestId('offer-author').fill('e2e designer');
    await form.getByTestId('offer-note').fill('win back the idle decliners');
    await expect.poll(() => form.getByTestId('offer-save').isEnabled(), { timeout: 30_000 }).toBe(true);
    await form.getByTestId('offer-save').click();

    // Its proposal row shows the API's audience, cost and ROI.
    const row = page.getByTestId('proposal-e2e-winback');
    await row.waitFor({ timeout: 60_000 });
    const { proposals, asOf } = await api('offers/proposals');
    const mine = proposals.find((p: any) => p.offerId === 'e2e-winback');
    expect(mine.economics.members).toBeGreaterThan(10);
    expect(await row.getByTestId('audience').textContent()).toBe(en.format(mine.economics.members));
    expect(await row.getByTestId('cost').textContent()).toBe(usd(mine.economics.totalCost));
    expect(await row.getByTestId('roi').textContent()).toBe(mine.economics.roi === null ? 'free' : pct.format(mine.economics.roi));

    // "Why this number": the formula and every factor of the row, as the API priced them.
    await row.getByTestId('why-button-e2e-winback').click();
    const why = page.getByTestId('why-e2e-winback');
    await why.waitFor({ timeout: 10_000 });
    const whyText = await why.textContent();
    expect(whyText).toContain('Retained revenue = Σ over the audience of P(offer changes the outcome) × (value if kept − value if not)');
    expect(whyText).toContain(`Retained = ${pct.format(mine.economics.uplift.rate)} × ${usd(mine.economics.valueAtRisk)}`);
    expect(whyText).toContain(usd(mine.economics.retained));
    expect(await why.getByTestId('why-factors').locator('tbody tr').count()).toBe(4);
    await row.getByTestId('why-button-e2e-winback').click();
    await why.waitFor({ state: 'detached', timeout: 10_000 });

    // Launch from the row's slot, with the webhook.
    await page.getByTestId('launch-e2e-winback').getByRole('button', { name: 'Launch E2E win-back gift' }).click();
    const dialog = page.getByTestId('launch-dialog').filter({ has: page.getByText('Launch “E2E win-back gift”') });
    await dialog.getByTestId('launch-webhook').check();
    // Nothing is launched without a name: the dialog says what is missing.
    await dialog.getByTestId('launch-submit').click();
    expect(await dialog.getByTestId('launch-problem').textContent()).toBe('Your name is required.');
    await dialog.getByTestId('launch-author').fill('e2e designer');
    await dialog.getByTestId('launch-note').fill('first wave');
    expect(await dialog.getByTestId('launch-holdout').inputValue()).toBe('20');
    expect(await dialog.getByTestId('launch-asof').inputValue()).toBe(asOf);
    await dialog.getByTestId('launch-submit').click();
    await dialog.getByTestId('launch-result').waitFor({ timeout: 60_000 });

    const { launches } = await api('launches');
    expect(launches).toHaveLength(1);
    const launch = launches[0];
    expect(launch).toMatchObject({ offerId: 'e2e-winback', asOf, audience: mine.economics.members, holdoutShare: 0.2, webhookStatus: 'ok' });
    expect(launch.treatment + launch.holdout).toBe(launch.audience);
    expect(await dialog.getByTestId('launch-groups').textContent()).toBe(
      `Launched: ${en.format(launch.audience)} players, ${en.format(launch.treatment)} in treatment and ${en.format(launch.holdout)} in holdout; rewards cost ${usd(launch.totalCost)}.`,
    );
    expect(await dialog.getByTestId('launch-webhook-outcome').textContent()).toBe(
      `Sent to the mail system: ${en.format(launch.treatment)} players in 1 signed request(s).`,
    );

    // The CSV link is the treatment group: the offer's audience split by the launch's stored seed. (A download in
    // Chromium does not carry the page's API token, so the link is fetched with it, as the reports test does.)
    const csv = await apiFetch(`${base}${await dialog.getByTestId('launch-csv').getAttribute('href')}`);
    expect(csv.headers.get('content-disposition')).toContain(`launch-e2e-winback_asOf-${asOf}_group-treatment.csv`);
    const rows = csvRows(await csv.text());
    const audience = await api(`offers/e2e-winback/audience?asOf=${asOf}&limit=1000`);
    expect(audience.members).toHaveLength(launch.audience);
    const expected = audience.members
      .filter((m: any) => groupOf(launch.seed, m.playerId, 0.2) === 'treatment')
      .map((m: any) => m.playerId)
      .sort();
    expect(rows.map((r) => r[1])).toEqual(expected);
    expect(rows.every((r) => r[0] === 'treatment')).toBe(true);
    // The reward starts with "=": in the file it is defused for spreadsheets.
    expect(rows[0].at(-1)).toBe(`'=500 gems and a catch-up quest`);

    // The mail system got the same treatment list, signed.
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0];
    expectSigned(got, SECRET);
    const payload = JSON.parse(got.body);
    expect(payload.launchId).toBe(launch.launchId);
    expect(payload.players.map((p: any) => p.playerId).sort()).toEqual(expected);
    expect(payload.offer).toMatchObject({ offerId: 'e2e-winback', name: 'E2E win-back gift', reward: '=500 gems and a catch-up quest' });

    // On to the launch: no day after the launch has data yet, so it is measuring with nothing to test.
    await dialog.getByTestId('launch-view').click();
    await page.getByTestId('launch-detail').waitFor();
    expect(new URL(page.url()).searchParams.get('launch')).toBe(launch.launchId);
    expect(await page.getByTestId('uplift-state').textContent()).toBe('No data after the launch day yet: nothing to measure so far.');
    expect(await page.getByTestId('uplift-reading').textContent()).toBe(translate('en', 'launches.reading.no_test'));
    const attempts = page.locator('[data-testid="deliveries-table"] tbody tr');
    expect(await attempts.count()).toBe(1);
    expect(await attempts.first().textContent()).toContain('delivered');
    await page.getByTestId('launches-back').click();
    await page.getByTestId(`launch-row-${launch.launchId}`).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('shows the Offers and Launches pages in Chinese', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1100 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/?page=offers&lang=zh`);
    const row = page.getByTestId('proposal-e2e-winback');
    await row.waitFor({ timeout: 60_000 });
    await row.getByTestId('why-button-e2e-winback').click();
    const why = page.getByTestId('why-e2e-winback');
    await why.waitFor({ timeout: 10_000 });
    expect(await why.textContent()).toContain('挽留收入 = 对受众中每名玩家求和：P(活动改变结果) × (留住时的价值 − 未留住时的价值)');
    expect(await why.textContent()).toContain('未付费玩家留住时的价值');
    await row.getByRole('button', { name: '投放 E2E win-back gift' }).click();
    const dialog = page.getByTestId('launch-dialog').filter({ has: page.getByText('投放“E2E win-back gift”') });
    await dialog.getByTestId('launch-author').fill('设计师');
    await dialog.getByTestId('launch-submit').click();
    // A second launch for the same day is refused until the designer insists.
    await expect.poll(() => dialog.getByTestId('launch-error').textContent()).toContain('投放失败');
    await dialog.getByTestId('launch-force').click();
    await expect.poll(() => dialog.getByTestId('launch-webhook-outcome').textContent()).toBe('未发送到邮件系统；可下载 CSV。');

    await page.goto(`${base}/?page=launches&lang=zh`);
    await page.getByTestId('launches-table').waitFor();
    expect(await page.locator('h1').textContent()).toBe('活动投放');
    const { launches } = await api('launches');
    expect(await page.locator('[data-testid="launches-table"] tbody tr').count()).toBe(launches.length);
    await expectDefinitionMark(page, 'launchUplift', 'zh');
    await page.getByTestId(`launch-row-${launches[0].launchId}`).getByRole('link').click();
    await page.getByTestId('uplift-table').waitFor();
    expect(await page.getByTestId('uplift-return-rate').locator('th').textContent()).toContain('回归率');
    for (const key of ['launchReturnRate', 'launchRevenuePerPlayer', 'upliftCi', 'upliftP'] as const) await expectDefinitionMark(page, key, 'zh');
    expect(await page.getByTestId('uplift-state').textContent()).toBe('投放日之后尚无数据，暂无可衡量的结果。');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
