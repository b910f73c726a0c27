/**
 * What the dashboard costs on the wire: builds the web app (in memory, web/dist
 * is left alone) and prints every chunk's raw, gzip and brotli size, the
 * initial load (entry script + its static imports, and the CSS) against the
 * 200 kB gzip budget, and per page what its first visit loads on top of the
 * initial load and in all. kB = 1000 bytes, as Vite prints them.
 * Usage: npm run bench:bundle
 */
import { type Sized, measureBundle } from './lib/bundle.ts';

const INITIAL_SCRIPT_BUDGET_GZIP = 200_000;
const kb = (n: number) => (n / 1000).toFixed(1).padStart(8);
const row = (name: string, s: Sized, note = '') => console.log(`${name.padEnd(44)}${kb(s.raw)}${kb(s.gzip)}${kb(s.br)}  ${note}`);
const head = (title: string) => console.log(`\n${title.padEnd(44)}${'raw kB'.padStart(8)}${'gzip kB'.padStart(8)}${'br kB'.padStart(8)}`);

const report = await measureBundle();

head('chunk');
for (const c of report.chunks) row(c.file, c, c.echarts ? `echarts ${c.charts.join(' ')}` : '');

head('initial load');
row('script (entry + static imports)', report.initial.script);
row('css', report.initial.css);
row('total', {
  raw: report.initial.script.raw + report.initial.css.raw,
  gzip: report.initial.script.gzip + report.initial.css.gzip,
  br: report.initial.script.br + report.initial.css.br,
});

head('page: first visit adds');
for (const p of report.pages) row(p.page, p, `${p.files.length} files${p.echarts ? `, echarts ${p.charts.join(' ')}` : ''}`);

head('page: first visit in all (initial + page)');
for (const p of report.pages)
  row(p.page, {
    raw: p.raw + report.initial.script.raw + report.initial.css.raw,
    gzip: p.gzip + report.initial.script.gzip + report.initial.css.gzip,
    br: p.br + report.initial.script.br + report.initial.css.br,
  });

console.log(
  `\ninitial script gzip: ${kb(report.initial.script.gzip).trim()} kB of ${INITIAL_SCRIPT_BUDGET_GZIP / 1000} kB, ratio: ${(report.initial.script.gzip / INITIAL_SCRIPT_BUDGET_GZIP).toFixed(2)}`,
);
