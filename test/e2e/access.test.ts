import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../contract/auth.ts';
import { revokeApiToken } from '../../server/auth/tokens.ts';
import { PERMISSIONS } from '../../server/routes/permissions.ts';
import { tokenFetch } from '../helpers/auth.ts';
import { haveChromium, useRig, type BrowserRig } from '../helpers/browser.ts';

let rig: BrowserRig;
useRig(31, (r) => (rig = r));

const VIEWPORT = { width: 1500, height: 1100 };
const WAIT = { timeout: 60_000 };
// The accounts routes (users, passwords, sessions) may not be on this build yet; their parts run once they are.
const haveAccounts = 'POST /api/session' in PERMISSIONS && 'POST /api/users' in PERMISSIONS;
const PASSWORD = 'lantern-orbit-quarry-47';

/** A page whose requests carry an API token of `role`, the way the role-aware UI is seen without signing in. */
async function tokenPage(role: Role, name: string): Promise<{ page: Page; errors: string[]; fetch: typeof fetch }> {
  const { token, fetch } = await tokenFetch(rig.engine.db, role, name);
  const page = await rig.browser.raw.newPage({ viewport: VIEWPORT, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors, fetch };
}

const navTexts = (page: Page) => page.locator('header nav a').allTextContents();
const launchButtons = (page: Page) => page.locator('[data-testid^="launch-open-"]');

describe.runIf(haveChromium)('roles in the browser', () => {
  it('a viewer sees every page read-only: write controls disabled with the reason, no admin page, and the API refuses its POST', async () => {
    const { page, errors, fetch } = await tokenPage('viewer', 'e2e-viewer');
    await page.goto(`${rig.base}/?page=offers&lang=en`);
    await page.getByTestId('proposals-table').waitFor(WAIT);
    expect(await page.getByTestId('me-who').textContent()).toBe('e2e-viewer · viewer');
    expect(await navTexts(page)).not.toContain('Users & tokens');

    // Launch needs an operator, a new offer a designer: disabled, with the reason as tooltip and as a note.
    const launch = launchButtons(page).first();
    await launch.waitFor(WAIT);
    expect(await launchButtons(page).count()).toBeGreaterThan(0);
    expect(await launch.isDisabled()).toBe(true);
    expect(await launch.getAttribute('title')).toBe('Needs the operator role');
    await page.getByTestId('needs-role').filter({ hasText: 'Needs the operator role' }).waitFor(WAIT);
    expect(await page.getByTestId('offer-new').isDisabled()).toBe(true);
    expect(await page.getByTestId('offer-new').getAttribute('title')).toBe('Needs the designer role');
    expect(await page.getByTestId('needs-role').filter({ hasText: 'Needs the designer role' }).isVisible()).toBe(true);

    // The same launch straight at the API is refused, and nothing is launched.
    const offerId = (await launch.getAttribute('data-testid'))!.replace('launch-open-', '');
    const refused = await fetch(`${rig.base}/api/offers/${offerId}/launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ author: 'viewer', webhook: false }),
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ needed: 'operator' });
    expect((await (await rig.fetch(`${rig.base}/api/launches`)).json()).launches).toEqual([]);

    // In Chinese, the reason is in Chinese.
    await page.locator('header select').selectOption('zh');
    await page.getByTestId('needs-role').filter({ hasText: '需要操作员角色' }).waitFor(WAIT);
    expect(await launch.getAttribute('title')).toBe('需要操作员角色');
    await page.locator('header select').selectOption('en');

    // Stage rules: shown read-only; neither previewed nor savable.
    await page.goto(`${rig.base}/?page=settings&lang=en`);
    await page.getByTestId('rules-form').waitFor(WAIT);
    const firstRule = page.locator('[data-testid^="rule-"]').first();
    expect(await firstRule.getAttribute('readonly')).not.toBeNull();
    expect(await page.getByTestId('rules-save').isDisabled()).toBe(true);
    expect(await page.getByTestId('rules-save').getAttribute('title')).toBe('Needs the designer role');
    expect(await page.getByTestId('run-backtest').isDisabled()).toBe(true);
    expect(await page.getByTestId('rules-preview').getByTestId('needs-role').textContent()).toBe('Needs the designer role');
    expect(await page.getByTestId('state-error').count()).toBe(0);

    // A player profile is an analyst's; the admin page is not there at all.
    // (the page asks for no profile, so any id shows the reason)
    await page.goto(`${rig.base}/?page=players&player=p42&lang=en`);
    await page.getByTestId('state-empty').filter({ hasText: 'Needs the analyst role' }).waitFor(WAIT);
    await page.goto(`${rig.base}/?page=users&lang=en`);
    await page.getByTestId('me-who').waitFor(WAIT);
    expect(await page.getByTestId('users-panel').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('an operator launches from the same page', async () => {
    const { page, errors } = await tokenPage('operator', 'e2e-operator');
    await page.goto(`${rig.base}/?page=offers&lang=en`);
    await page.getByTestId('proposals-table').waitFor(WAIT);
    expect(await page.getByTestId('me-who').textContent()).toBe('e2e-operator · operator');
    expect(await navTexts(page)).not.toContain('Users & tokens');
    const launch = launchButtons(page).first();
    await launch.waitFor(WAIT);
    expect(await launch.isDisabled()).toBe(false);
    expect(await launch.getAttribute('title')).toBeNull();
    expect(await page.getByTestId('needs-role').count()).toBe(0);

    await launch.click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByTestId('launch-author').fill('e2e operator');
    await dialog.getByTestId('launch-submit').click();
    await dialog.getByTestId('launch-result').waitFor(WAIT);
    // Analysts and up get the audience as CSV.
    expect(await dialog.getByTestId('launch-csv').isVisible()).toBe(true);
    const { launches } = await (await rig.fetch(`${rig.base}/api/launches`)).json();
    expect(launches).toHaveLength(1);
    expect(launches[0].author).toBe('e2e operator');
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it("a report run's player-id files are an analyst's: a viewer sees them without a link, with the reason", async () => {
    const post = (path: string, body: object) =>
      rig.fetch(`${rig.base}/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const saved = await post('reports/schedules', {
      name: 'E2E weekly',
      cron: '0 8 * * 1',
      tz: 'UTC',
      period: 'week',
      langs: ['en'],
      emails: [],
      webhooks: [],
      topN: 5,
      sections: ['decline_movers', 'at_risk'],
      enabled: false,
      includePlayerIds: false,
    });
    expect(saved.status, await saved.clone().text()).toBe(201);
    const { schedule } = await saved.json();
    const ran = await (await post(`reports/schedules/${schedule.scheduleId}/run`, { window: '2026-03-25', deliver: false })).json();
    const files: string[] = ran.runs[0].files.map((f: { name: string }) => f.name);
    expect(files).toContain('at_risk.csv');

    const viewer = await tokenPage('viewer', 'e2e-report-viewer');
    await viewer.page.goto(`${rig.base}/?page=reports&lang=en`);
    await viewer.page.getByTestId('report-runs').waitFor(WAIT);
    const locked = viewer.page.getByTestId('file-needs-role');
    expect((await locked.allTextContents()).sort()).toEqual(files.filter((f) => f === 'at_risk.csv' || f === 'decline_movers.csv').sort());
    expect(await locked.first().getAttribute('title')).toBe('Needs the analyst role');
    expect(await viewer.page.locator('a', { hasText: 'at_risk.csv' }).count()).toBe(0);
    expect(await viewer.page.getByTestId('report-runs').locator('..').getByTestId('needs-role').textContent()).toBe('Needs the analyst role');
    // The file itself is refused to the viewer, not just hidden.
    const refused = await viewer.fetch(`${rig.base}/api/reports/runs/${ran.runs[0].runId}/at_risk.csv`);
    expect(refused.status).toBe(403);
    await viewer.page.close();

    const analyst = await tokenPage('analyst', 'e2e-report-analyst');
    await analyst.page.goto(`${rig.base}/?page=reports&lang=en`);
    await analyst.page.getByTestId('report-runs').waitFor(WAIT);
    await analyst.page.locator('a', { hasText: 'at_risk.csv' }).waitFor(WAIT);
    expect(await analyst.page.getByTestId('file-needs-role').count()).toBe(0);
    expect(viewer.errors.concat(analyst.errors)).toEqual([]);
    await analyst.page.close();
  }, 240_000);

  it('an admin has the Users & tokens page in the navigation', async () => {
    const page = await rig.browser.newPage({ viewport: VIEWPORT });
    await page.goto(`${rig.base}/?lang=en`);
    await page.getByTestId('me-who').waitFor(WAIT);
    expect(await navTexts(page)).toContain('Users & tokens');
    await page.getByRole('link', { name: 'Users & tokens' }).click();
    await page.getByTestId('users-panel').waitFor(WAIT);
    expect(new URL(page.url()).searchParams.get('page')).toBe('users');
    await page.close();
  }, 120_000);

  it('a session that ends under the user shows the sign-in page, in the chosen language, on the same page', async () => {
    const { page } = await tokenPage('viewer', 'e2e-short-lived');
    await page.goto(`${rig.base}/?page=overview&lang=en`);
    await page.getByTestId('me-who').waitFor(WAIT);
    await revokeApiToken(rig.engine.db, 'e2e-short-lived');
    // On to another page in the app (as a nav click does): its requests answer 401.
    await page.evaluate(() => {
      history.pushState(null, '', '?page=retention&lang=en');
      dispatchEvent(new PopStateEvent('popstate'));
    });
    await page.getByTestId('signin-form').waitFor(WAIT);
    expect(await page.getByTestId('signin-notice').textContent()).toBe(
      'Your session has expired or was ended. Sign in again to go back to the page you were on.',
    );
    expect(new URL(page.url()).searchParams.get('page')).toBe('retention');
    await page.close();

    // Nobody signed in: the sign-in page, here in Chinese, and its language switch.
    const anon = await rig.browser.raw.newPage({ viewport: VIEWPORT });
    await anon.goto(`${rig.base}/?page=offers&lang=zh`);
    const form = anon.getByTestId('signin-form');
    await form.waitFor(WAIT);
    expect(await anon.locator('#signin-title').textContent()).toBe('玩家生命周期');
    expect(await form.locator('h2').textContent()).toBe('登录');
    expect(await form.getByText('用户名').isVisible()).toBe(true);
    expect(await form.getByText('密码', { exact: true }).isVisible()).toBe(true);
    expect(await anon.getByTestId('signin-submit').textContent()).toBe('登录');
    expect(await anon.getByTestId('signin-notice').count()).toBe(0);
    await anon.getByTestId('signin-lang').selectOption('en');
    expect(await anon.getByTestId('signin-submit').textContent()).toBe('Sign in');
    expect(await anon.title()).toBe('Sign in · Player Lifecycle');
    expect(new URL(anon.url()).searchParams.get('page')).toBe('offers');
    await anon.close();
  }, 120_000);
});

describe.runIf(haveChromium && haveAccounts)('signing in through the sign-in page', () => {
  async function addUser(name: string, role: Role) {
    const res = await rig.fetch(`${rig.base}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, role, password: PASSWORD }),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
  }

  async function signIn(page: Page, user: string, password: string) {
    await page.getByTestId('signin-user').fill(user);
    await page.getByTestId('signin-password').fill(password);
    await page.getByTestId('signin-submit').click();
  }

  it('a viewer and then an operator sign in and see the difference; a wrong password and sign-out say so', async () => {
    await addUser('vera', 'viewer');
    await addUser('otto', 'operator');
    const page = await rig.browser.raw.newPage({ viewport: VIEWPORT });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${rig.base}/?page=offers&lang=en`);
    await page.getByTestId('signin-form').waitFor(WAIT);

    await signIn(page, 'vera', 'not the password at all');
    expect(await page.getByTestId('signin-error').textContent()).toBe('Wrong user name or password.');

    // Signed in, the app shows the page the user asked for.
    await signIn(page, 'vera', PASSWORD);
    await page.getByTestId('proposals-table').waitFor(WAIT);
    expect(await page.getByTestId('me-who').textContent()).toBe('vera · viewer');
    expect(await launchButtons(page).first().isDisabled()).toBe(true);
    expect(await navTexts(page)).not.toContain('Users & tokens');
    // Even with the session's CSRF token, the viewer's own POST is refused for its role.
    const status = await page.evaluate(async () => {
      const me = await (await fetch('/api/session')).json();
      const res = await fetch('/api/offers/what-if', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({}),
      });
      return res.status;
    });
    expect(status).toBe(403);

    await page.getByTestId('me-signout').click();
    await page.getByTestId('signin-form').waitFor(WAIT);
    expect(await page.getByTestId('signin-notice').textContent()).toBe('You are signed out.');

    // The operator launches: the state-changing request carries the CSRF token of the session.
    await signIn(page, 'otto', PASSWORD);
    await page.getByTestId('proposals-table').waitFor(WAIT);
    expect(await page.getByTestId('me-who').textContent()).toBe('otto · operator');
    // (the operator test above may have launched this offer today already: a second launch is confirmed)
    const launch = launchButtons(page).first();
    expect(await launch.isDisabled()).toBe(false);
    await launch.click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByTestId('launch-author').fill('otto');
    await dialog.getByTestId('launch-submit').click();
    const outcome = dialog.getByTestId('launch-result').or(dialog.getByTestId('launch-error'));
    await outcome.first().waitFor(WAIT);
    if (await dialog.getByTestId('launch-force').isVisible()) {
      await dialog.getByTestId('launch-force').click();
      await dialog.getByTestId('launch-result').waitFor(WAIT);
    }
    expect(await dialog.getByTestId('launch-result').isVisible(), (await dialog.getByTestId('launch-error').allTextContents()).join()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('in Chinese, a wrong password and then the sign-in limit say so; a user changes their own password', async () => {
    const page = await rig.browser.raw.newPage({ viewport: VIEWPORT });
    await page.goto(`${rig.base}/?page=overview&lang=zh`);
    await page.getByTestId('signin-form').waitFor(WAIT);
    const attempt = async (user: string, password: string) => {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'POST', WAIT);
      await signIn(page, user, password);
      return (await answered).status();
    };
    expect(await attempt('mallory', 'guessing-password-1')).toBe(401);
    expect(await page.getByTestId('signin-error').textContent()).toBe('用户名或密码错误。');
    // The first failures are free; then the account must wait, and the page counts the wait down.
    let status = 401;
    for (let i = 2; i <= 10 && status === 401; i++) status = await attempt('mallory', `guessing-password-${i}`);
    expect(status).toBe(429);
    expect(await page.getByTestId('signin-error').textContent()).toMatch(/^失败次数过多，请在 \d+ 秒后再试。$/);
    expect(await page.getByTestId('signin-submit').isDisabled()).toBe(true);

    await addUser('rita', 'viewer');
    await page.getByTestId('signin-lang').selectOption('en');
    await page.getByTestId('signin-submit').waitFor({ state: 'visible', ...WAIT });
    await expect.poll(() => page.getByTestId('signin-submit').isEnabled(), WAIT).toBe(true);
    await signIn(page, 'rita', PASSWORD);
    await page.getByTestId('me-who').waitFor(WAIT);
    await page.getByTestId('me-password').click();
    const dialog = page.getByTestId('password-dialog');
    await dialog.getByTestId('password-current').fill(PASSWORD);
    await dialog.getByTestId('password-new').fill(`${PASSWORD}-renewed`);
    await dialog.getByTestId('password-repeat').fill(`${PASSWORD}-renewed`);
    await dialog.getByTestId('password-submit').click();
    await dialog.getByTestId('password-done').waitFor(WAIT);
    await dialog.getByRole('button').click();
    // Still signed in after the change (the session goes on with a new token); the new password works next time.
    await page.getByTestId('me-signout').click();
    await page.getByTestId('signin-form').waitFor(WAIT);
    await signIn(page, 'rita', `${PASSWORD}-renewed`);
    await page.getByTestId('me-who').waitFor(WAIT);
    expect(await page.getByTestId('me-who').textContent()).toBe('rita · viewer');
    await page.close();
  }, 240_000);

  it('an admin adds a user and a token on the Users & tokens page; the token is shown once', async () => {
    const page = await rig.browser.newPage({ viewport: VIEWPORT });
    await page.goto(`${rig.base}/?page=users&lang=en`);
    await page.getByTestId('users-panel').waitFor(WAIT);
    await page.getByTestId('user-add-name').fill('ada');
    await page.getByTestId('user-add-role').selectOption('analyst');
    await page.getByTestId('user-add-password').fill(PASSWORD);
    await page.getByTestId('user-add-submit').click();
    await page.getByTestId('user-ada').waitFor(WAIT);
    expect(await page.getByTestId('user-ada').getByTestId('user-role').inputValue()).toBe('analyst');
    expect(await page.getByTestId('user-ada').getByTestId('user-status').textContent()).toBe('active');
    // A too-short password is refused with the server's message, and nobody is added.
    await page.getByTestId('user-add-name').fill('bob');
    await page.getByTestId('user-add-password').fill('short');
    await page.getByTestId('user-add-submit').click();
    await page.getByTestId('users-error').waitFor(WAIT);
    expect(await page.getByTestId('users-error').textContent()).toBe('The password needs at least 12 characters.');
    expect(await page.getByTestId('user-bob').count()).toBe(0);

    // Role change and password reset go straight to the server and come back in the list.
    await page.getByTestId('user-ada').getByTestId('user-role').selectOption('designer');
    await expect
      .poll(async () => (await (await rig.fetch(`${rig.base}/api/users`)).json()).users.find((u: { name: string }) => u.name === 'ada')?.role, WAIT)
      .toBe('designer');
    await page.getByTestId('user-ada').getByTestId('user-reset').click();
    await page.getByTestId('user-reset-password').fill(`${PASSWORD}-reset`);
    await page.getByTestId('user-reset-form').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('users-message').textContent(), WAIT).toBe('The password of ada was changed; their sessions were ended.');
    const asAda = await fetch(`${rig.base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'ada', password: `${PASSWORD}-reset` }),
    });
    expect(await asAda.json()).toMatchObject({ user: 'ada', role: 'designer', kind: 'session' });

    await page.getByTestId('user-ada').getByTestId('user-toggle').click();
    await expect.poll(() => page.getByTestId('user-ada').getByTestId('user-status').textContent(), WAIT).toBe('disabled');

    await page.getByTestId('token-add-name').fill('bi-tool');
    await page.getByTestId('token-add-role').selectOption('viewer');
    await page.getByTestId('token-add-submit').click();
    await page.getByTestId('token-created').waitFor(WAIT);
    const token = await page.getByTestId('token-value').inputValue();
    const asTool = await fetch(`${rig.base}/api/session`, { headers: { authorization: `Bearer ${token}` } });
    expect(await asTool.json()).toMatchObject({ user: 'bi-tool', role: 'viewer' });
    await page.getByTestId('token-bi-tool').getByTestId('token-revoke').click();
    await page.getByTestId('token-bi-tool').getByTestId('token-revoke-confirm').click();
    await expect.poll(() => page.getByTestId('token-bi-tool').getByTestId('token-status').textContent(), WAIT).toBe('revoked');
    expect((await fetch(`${rig.base}/api/session`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    await page.close();
  }, 240_000);
});
