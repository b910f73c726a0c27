import { describe, expect, it } from 'vitest';
import { snapshotStages } from '../../server/lifecycle/snapshots.ts';
import { refreshComrades } from '../../server/winback/comradesRefresh.ts';
import { haveChromium, useRig, type SignedBrowser } from '../helpers/browser.ts';
import type { TestEngine } from '../helpers/engine.ts';

let browser: SignedBrowser;
let apiFetch: typeof fetch;
let base: string;
let engine: TestEngine;
useRig(31, (rig) => ({ browser, base, fetch: apiFetch, engine } = rig));

const api = async (path: string) => (await apiFetch(`${base}/api/${path}`)).json();
const int = (n: number, locale = 'en-US') => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);

describe.runIf(haveChromium)('win-back page in Chromium', () => {
  it('shows the API’s rescue decisions, server plans and comrade pairs, and filters by decision', async () => {
    const [rescue, servers, comrades] = await Promise.all([api('winback/rescue'), api('winback/servers'), api('winback/comrades')]);
    expect(rescue.decliningPlayers).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/?page=winback&lang=en`);

    await page.getByTestId('rescue-list').waitFor();
    const rows = page.getByTestId('rescue-list').getByTestId('rescue-row');
    expect(await rows.count()).toBe(Math.min(50, rescue.total));
    const first = rescue.players[0];
    expect(await rows.first().getByTestId('player-link').textContent()).toBe(first.playerId);
    expect(await rows.first().textContent()).toContain(first.decision === 'rescue' ? 'Rescue' : 'Let go');
    expect(rescue.summary.length).toBeGreaterThan(0);
    for (const s of rescue.summary) {
      const cells = page.getByTestId(`rescue-summary-${s.decision}-${s.tier}`).locator('td');
      expect(await cells.nth(2).textContent()).toBe(int(s.players));
    }

    await page.getByTestId('rescue-decision').selectOption('rescue');
    await expect.poll(() => page.url()).toContain('decision=rescue');
    const onlyRescue = await api('winback/rescue?decision=rescue');
    // The seeded game has players worth rescuing, so the filtered list is never vacuously right.
    expect(onlyRescue.total).toBeGreaterThan(0);
    // The whole list, not its first row: the unfiltered list may start with the same rescued player.
    const shownIds = () => rows.evaluateAll((els) => els.map((el) => el.querySelector('[data-testid="player-link"]')?.textContent));
    await expect.poll(shownIds).toEqual(onlyRescue.players.slice(0, 50).map((p: { playerId: string }) => p.playerId));
    for (const text of await rows.allTextContents()) expect(text).toContain('Rescue');

    expect(servers.servers).toHaveLength(8);
    for (const s of servers.servers) {
      const cells = page.getByTestId(`planner-row-${s.serverId}`).locator('td');
      expect(await cells.nth(3).textContent()).toBe(int(s.leaving));
      expect(await cells.nth(4).textContent()).toBe(int(s.lapsed));
      expect(await cells.nth(10).textContent()).toContain(s.recommendation === 'open' ? 'Open a new server' : 'Not yet');
    }
    await page.getByTestId('chart-planner').waitFor();

    // The seeded game has lapsed players with active comrades: the list, not the empty state.
    expect(comrades.total).toBeGreaterThan(0);
    const pairs = page.getByTestId('comrades-list').getByTestId('comrade-row');
    expect(await pairs.count()).toBe(Math.min(50, comrades.total));
    expect(await pairs.first().getByTestId('player-link').first().textContent()).toBe(comrades.pairs[0].lapsedId);
    expect(await page.getByTestId('comrades-basis').textContent()).toContain('No friend data');

    // The offers the two decisions use: the seeded defaults until a designer saves a choice.
    expect(rescue.choice).toEqual({ version: 0, offerId: 'returning-reward' });
    await expect.poll(() => page.getByTestId('choices-version').textContent(), { timeout: 10_000 }).toContain('The defaults');
    expect(await page.getByTestId('choice-rescue').inputValue()).toBe('returning-reward');
    expect(await page.getByTestId('choice-new-server').inputValue()).toBe('new-server');
    expect(await page.getByTestId('choice-comrades').inputValue()).toBe('comrades-referral');
    expect(comrades.choice).toEqual({ version: 0, offerId: 'comrades-referral' });
    expect(await page.getByTestId('winback-comrades').textContent()).toContain(comrades.offer.reward);
    expect(errors).toEqual([]);

    await page.goto(`${base}/?page=winback&lang=zh`);
    await page.getByTestId('rescue-list').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('召回');
    expect(await page.getByTestId('winback-planner').textContent()).toContain('新服规划');
    expect(await page.getByTestId('winback-comrades').textContent()).toContain('寻找老战友');
    expect(await page.getByTestId('winback-choices').textContent()).toContain('这些决策使用的活动');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says the comrade pairs are being computed while the refresh runs, showing the previous ones, then shows the new ones by itself', async () => {
    const before = await api('winback/comrades');
    // A new stage snapshot of the day makes the stored pairs stale; the refresh is held after its first chunk until the page has been seen.
    await snapshotStages(engine.db, before.asOf, before.asOf);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const refresh = refreshComrades(engine, () => held);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    try {
      await page.goto(`${base}/?page=winback&lang=en`);
      const notice = page.getByTestId('comrades-computing');
      await notice.waitFor({ timeout: 15_000 });
      expect(await notice.textContent()).toContain('being computed in the background');
      expect(await page.getByTestId('comrades-list').getByTestId('comrade-row').count()).toBe(Math.min(50, before.total));
      release();
      await refresh;
      // The panel asks again every few seconds while computing.
      await notice.waitFor({ state: 'detached', timeout: 20_000 });
      await page.goto(`${base}/?page=winback&lang=zh`);
      await page.getByTestId('comrades-list').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('comrades-computing').count()).toBe(0);
    } finally {
      release();
      await page.close();
    }
  });

  it('saves a choice of offer from the panel, and the comrade pairs follow it', async () => {
    const [offers, before] = await Promise.all([api('offers'), api('winback/choices')]);
    const reward = offers.offers.find((o: { offerId: string }) => o.offerId === 'returning-reward');
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    try {
      await page.goto(`${base}/?page=winback&lang=en`);
      await page.getByTestId('comrades-list').waitFor({ timeout: 15_000 });
      const save = page.getByTestId('choice-save');
      await expect.poll(() => page.getByTestId('choice-comrades').inputValue()).toBe('comrades-referral');
      expect(await save.isDisabled()).toBe(true);
      await page.getByTestId('choice-comrades').selectOption('returning-reward');
      await page.getByTestId('choice-author').fill('e2e');
      await save.click();
      await expect.poll(() => page.getByTestId('winback-choices').getByRole('status').textContent()).toBe(`Saved as version ${before.version + 1}`);
      const after = await api('winback/choices');
      expect(after).toMatchObject({
        version: before.version + 1,
        rescueOfferId: before.rescueOfferId,
        newServerOfferId: before.newServerOfferId,
        comradesOfferId: 'returning-reward',
        author: 'e2e',
      });
      await expect.poll(() => page.getByTestId('winback-comrades').textContent()).toContain(reward.reward);
    } finally {
      await page.close();
    }
  });
});
