import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { METRIC_KEYS, metricText } from '../contract/metricDefinitions.ts';

/** The README holds the metrics table between these marks; `npm run docs:metrics` rewrites it, a unit test fails when it is stale. */
export const README = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const START = '<!-- metrics:start (made by `npm run docs:metrics` from contract/metricDefinitions.ts) -->';
const END = '<!-- metrics:end -->';

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The metrics table, English then Chinese, as the dashboard's info marks show it. */
export function metricsTable(): string {
  const rows = METRIC_KEYS.flatMap((key) =>
    (['en', 'zh'] as const).map((lang) => {
      const m = metricText(key, lang);
      return `| \`${key}\` | ${lang} | ${cell(m.name)} | ${cell(m.definition)} | ${cell(m.window)} | ${cell(m.unit)} |`;
    }),
  );
  return [START, '| key | lang | name | definition | window | unit |', '|---|---|---|---|---|---|', ...rows, END].join('\n');
}

/** The README with its metrics table replaced by the current one. */
export function readmeWithMetrics(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no metrics table marks (${START} … ${END})`);
  return readme.slice(0, start) + metricsTable() + readme.slice(end + END.length);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(README, readmeWithMetrics(readFileSync(README, 'utf8')));
}
