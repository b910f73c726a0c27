import type { MessageKey, Translate } from './messages.ts';

/**
 * The HTML pieces the report page is built from, with inline styles (mail
 * clients keep styles on the elements when they drop <style>). Every text from
 * the data goes through `esc`.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

export const COLORS = {
  text: '#1f2937',
  muted: '#5b6472',
  line: '#e3e6ea',
  head: '#f3f4f6',
  page: '#f5f6f8',
  card: '#ffffff',
  worse: '#b42318',
  better: '#067647',
  link: '#1d4ed8',
};
export const CELL = `padding:6px 10px;border-bottom:1px solid ${COLORS.line};font-size:13px;vertical-align:top;`;
export const TABLE = 'border-collapse:collapse;width:100%;margin:8px 0 16px;';

type Align = 'left' | 'right';
export interface Column<T> {
  head: string;
  cell: (row: T) => string;
  align?: Align;
}

/**
 * Below 600 px a table becomes a list: each row a block, each cell a line with its column's name
 * (data-label) before the value. Mail clients that drop <style> show the plain table.
 */
export const PHONE_CSS = `@media (max-width: 600px) {
  table.stack, table.stack tbody, table.stack tfoot, table.stack tr { display: block; width: 100%; }
  table.stack thead { display: none; }
  table.stack tr { border-bottom: 1px solid ${COLORS.line}; padding: 4px 0; }
  table.stack td, table.stack th { display: flex; justify-content: space-between; gap: 12px; border: 0 !important; padding: 2px 4px !important; text-align: right !important; width: auto !important; overflow-wrap: anywhere; }
  table.stack td[data-label]::before { content: attr(data-label); color: ${COLORS.muted}; text-align: left; font-weight: 600; }
}`;

/** The head as a data-label attribute: the cell's text only (heads are escaped HTML). */
const dataLabel = (head: string) => (head ? ` data-label="${head.replace(/<[^>]*>/g, '')}"` : '');

/** A table with inline cell styles; cells are already-escaped HTML. */
export function table<T>(columns: Column<T>[], rows: T[], foot?: string[]): string {
  const th = columns.map((c) => `<th style="${CELL}background:${COLORS.head};text-align:${c.align ?? 'left'};font-weight:600;">${c.head}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${columns.map((c) => `<td style="${CELL}text-align:${c.align ?? 'left'};"${dataLabel(c.head)}>${c.cell(r)}</td>`).join('')}</tr>`)
    .join('\n');
  const tfoot = foot
    ? `\n<tfoot><tr>${foot.map((f, i) => `<td style="${CELL}font-weight:600;text-align:${columns[i]?.align ?? 'left'};"${f ? dataLabel(columns[i]?.head ?? '') : ''}>${f}</td>`).join('')}</tr></tfoot>`
    : '';
  return `<table class="stack" role="table" style="${TABLE}">\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>${tfoot}\n</table>`;
}

/** The HTML as a link when there is an address, as it is otherwise. */
export const linked = (href: string | null, html: string, style = `color:${COLORS.link};`) =>
  href ? `<a href="${esc(href)}" style="${style}">${html}</a>` : html;

/** A label whose placeholders take HTML (already escaped) rather than text. */
export const labelHtml = (t: Translate, key: MessageKey, parts: Record<string, string>) =>
  esc(t(key)).replace(/\{(\w+)\}/g, (m, name: string) => parts[name] ?? m);
export const hint = (text: string) => `<p style="margin:4px 0 8px;color:${COLORS.muted};font-size:13px;">${text}</p>`;
export const empty = (text: string) => `<p style="margin:8px 0 16px;font-size:14px;">${text}</p>`;
export const figure = (svg: string, caption: string) =>
  `<figure style="margin:8px 0 12px;"><figcaption style="font-size:13px;color:${COLORS.muted};margin-bottom:4px;">${caption}</figcaption>${svg}</figure>`;
