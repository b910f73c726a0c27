/**
 * CDNOW_sample.txt (../shared/data/cdnow) as payments rows of the input
 * contract (DESIGN section 4), so the published CDNOW results can be
 * reproduced through the real ingester and rollups instead of a side path.
 *
 * A line is `master_id sample_id yyyymmdd number_of_cds dollar_value`. The
 * player is the master id as written (e.g. "00004"); the published per-customer
 * summaries (cdnow_customers_summary*.csv) are keyed by the sample id as a
 * number (sample "0001" is ID 1), so `cdnowSampleIds` gives that mapping.
 * A purchase has no time of day: it is put at noon UTC, which is the same
 * calendar day in every time zone from UTC-12 to UTC+11.
 */

export interface CdnowPayment {
  event_id: string;
  player_id: string;
  server_id: 'cdnow';
  ts: string;
  /** The dollar value exactly as written, never through a float. */
  amount: string;
}

interface CdnowLine {
  masterId: string;
  sampleId: string;
  date: string;
  dollars: string;
}

const LINE = /^(\d+)\s+(\d+)\s+(\d{4})(\d{2})(\d{2})\s+\d+\s+(\d+(?:\.\d+)?)$/;

/** Parses the non-blank lines; a malformed line is an error naming its number, since the file is a fixed reference. */
function parseLines(text: string): (CdnowLine & { lineNo: number })[] {
  const out: (CdnowLine & { lineNo: number })[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const m = LINE.exec(line);
    if (!m) throw new Error(`CDNOW line ${i + 1} is not "master_id sample_id yyyymmdd cds dollars": ${JSON.stringify(raw)}`);
    out.push({ lineNo: i + 1, masterId: m[1], sampleId: m[2], date: `${m[3]}-${m[4]}-${m[5]}`, dollars: m[6] });
  });
  return out;
}

/** One payment per line; the event id is the line number, so re-sending the file loads nothing twice. */
export function cdnowPayments(text: string): CdnowPayment[] {
  return parseLines(text).map((l) => ({
    event_id: `cdnow-${l.lineNo}`,
    player_id: l.masterId,
    server_id: 'cdnow',
    ts: `${l.date}T12:00:00+00:00`,
    amount: l.dollars,
  }));
}

/** Master id (the player id) to the numeric sample id that keys the published summaries. */
export function cdnowSampleIds(text: string): Map<string, number> {
  return new Map(parseLines(text).map((l) => [l.masterId, Number(l.sampleId)]));
}
