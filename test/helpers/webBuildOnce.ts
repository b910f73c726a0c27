import { ensureWebBuild } from '../../server/webBuild.ts';

/**
 * Global setup of the e2e project: builds the dashboard once before the browser
 * tests start, rather than in every test process at the same time (each rig
 * still checks, so a single file runs on its own too).
 */
export default async function buildDashboardOnce(): Promise<void> {
  await ensureWebBuild((msg) => console.log(msg));
}
