/**
 * Rewrites the text of a stored file without the erased players: lines of
 * NDJSON and CSV (input files, report CSVs), objects of JSON (summary.json),
 * table rows and mentions of HTML (report.html). Pure: the caller reads and
 * writes the files.
 */

/** True for a value that is an erased player's id (by the raw ids of this erasure, or by the deny list's keyed hashes). */
export type IsErased = (value: string) => boolean;

export interface Redacted {
  text: string;
  /** Lines, objects or mentions taken out. */
  removed: number;
}

/** The cells of one CSV line (RFC 4180 quoting within the line); a spreadsheet guard apostrophe is dropped. */
export function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.trim().replace(/^'(?=[=+\-@])/, ''));
}

function jsonLineErased(line: string, isErased: IsErased, ids: readonly string[]): boolean {
  try {
    const v: unknown = JSON.parse(line);
    if (v && typeof v === 'object') return Object.values(v).some((x) => typeof x === 'string' && isErased(x.trim()));
    return false;
  } catch {
    // An unparsable line can still name a player: its "player_id": "..." text (as the ingester reads it), or the id as a JSON string.
    const named = [...line.matchAll(/"(?:player_id|friend_id)"\s*:\s*"([^"]*)"/g)].some((m) => isErased(m[1].trim()));
    return named || ids.some((id) => line.includes(JSON.stringify(id)));
  }
}

/** An NDJSON or CSV text (CSV: the first line is the header) without the lines naming an erased player. */
export function redactLines(text: string, format: 'ndjson' | 'csv', isErased: IsErased, ids: readonly string[] = []): Redacted {
  const lines = text.split('\n');
  let removed = 0;
  const kept = lines.filter((line, i) => {
    if (line.trim() === '' || (format === 'csv' && i === 0)) return true;
    const erased = format === 'csv' ? csvCells(line).some(isErased) : jsonLineErased(line, isErased, ids);
    if (erased) removed++;
    return !erased;
  });
  return { text: kept.join('\n'), removed };
}

/** JSON without the array elements that name an erased player anywhere inside them; other mentions become "[erased]". */
export function redactJson(text: string, isErased: IsErased): Redacted {
  let removed = 0;
  const names = (v: unknown): boolean =>
    typeof v === 'string' ? isErased(v) : Array.isArray(v) ? v.some(names) : v !== null && typeof v === 'object' ? Object.values(v).some(names) : false;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (!isErased(v)) return v;
      removed++;
      return '[erased]';
    }
    if (Array.isArray(v))
      return v
        .filter((x) => {
          const drop = typeof x === 'object' && x !== null && names(x);
          if (drop) removed++;
          return !drop;
        })
        .map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const out = walk(JSON.parse(text));
  return { text: `${JSON.stringify(out, null, 2)}\n`, removed };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** HTML without the table rows that mention an erased id; a mention outside a row becomes "[erased]". */
export function redactHtml(html: string, ids: readonly string[]): Redacted {
  if (ids.length === 0) return { text: html, removed: 0 };
  const forms = [...new Set(ids.flatMap((id) => [escapeHtml(id), encodeURIComponent(id)]))];
  // Whole ids only: "p1" must not match inside "p10".
  const mention = new RegExp(`(?<![\\w.:@%-])(?:${forms.map(escapeRegExp).join('|')})(?![\\w.:@%-])`, 'g');
  let removed = 0;
  let text = html.replace(/<tr\b[\s\S]*?<\/tr>/g, (row) => {
    mention.lastIndex = 0;
    if (!mention.test(row)) return row;
    removed++;
    return '';
  });
  text = text.replace(mention, () => {
    removed++;
    return '[erased]';
  });
  return { text, removed };
}
