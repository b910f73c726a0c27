import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web');
export const WEB_DIST = path.join(WEB_ROOT, 'dist');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** True when web/dist is missing or older than any source of the dashboard (contract/ included: the web bundles its constants). */
export function webBuildIsStale(): boolean {
  const index = path.join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const files = ['index.html', 'vite.config.ts'].map((f) => statSync(path.join(WEB_ROOT, f)).mtimeMs);
  const sources = Math.max(newestMtime(path.join(WEB_ROOT, 'src')), newestMtime(path.join(WEB_ROOT, '../contract')), ...files);
  return sources > statSync(index).mtimeMs;
}

/** Builds the dashboard with Vite when needed, so `npm start` works on a fresh clone. */
export async function ensureWebBuild(log: (msg: string) => void): Promise<void> {
  if (!webBuildIsStale()) return;
  log('building the dashboard (web/) with Vite ...');
  const { build } = await import('vite');
  await build({ configFile: path.join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  log('dashboard built');
}
