import { csvLine } from '../csv.ts';
import { retentionCsv } from '../retention/csvExport.ts';
import type { ReportFile, ReportSummary } from './types.ts';

/**
 * The report's lists as CSV files, one per section present. Column names are
 * fixed English keys whatever the report's language, so a sheet or a script
 * reading them works for both; money is the exact decimal string, shares are
 * 0..1 with four decimals. csvLine defuses text a spreadsheet would run as a
 * formula (player and server ids, names come from the game's logs).
 */

// The web greys out the same files for viewers, so the list lives in the contract.
export { PLAYER_ID_FILES } from '../../contract/reports.ts';

const file = (name: string, header: string[], rows: (string | number | null)[][]): ReportFile => ({
  name,
  content: `${[csvLine(header), ...rows.map(csvLine)].join('\r\n')}\r\n`,
});
const share = (v: number | null) => (v === null ? null : v.toFixed(4));

export function reportCsvFiles(s: ReportSummary): ReportFile[] {
  const out: ReportFile[] = [];
  if (s.stageMix) {
    const m = s.stageMix;
    out.push(
      file(
        'stage_mix.csv',
        ['day', 'previous_day', 'stage', 'status', 'players', 'share', 'previous_players', 'previous_share', 'change', 'recent_spend'],
        [
          ...m.rows.map((r) => [
            m.asOf,
            m.previousAsOf,
            r.stage,
            r.status,
            r.players,
            share(r.share),
            r.previousPlayers,
            share(r.previousShare),
            r.change,
            r.recentSpend,
          ]),
          [m.asOf, m.previousAsOf, 'lost', 'lost', m.lost, null, m.previousLost, null, m.lost - m.previousLost, null],
        ],
      ),
    );
  }
  if (s.declineMovers) {
    const d = s.declineMovers;
    out.push(
      file(
        'decline_movers.csv',
        ['from_day', 'to_day', 'player_id', 'server_id', 'tier', 'from_stage', 'idle_days', 'lifetime_spend', 'recent_spend', 'expected_clv'],
        d.top.map((p) => [d.fromDay, d.toDay, p.playerId, p.serverId, p.tier, p.from, p.idleDays, p.lifetimeSpend, p.recentSpend, p.expectedClv]),
      ),
    );
  }
  if (s.atRisk) {
    const a = s.atRisk;
    out.push(
      file(
        'at_risk.csv',
        [
          'as_of',
          'player_id',
          'server_id',
          'tier',
          'status',
          'tenure_days',
          'idle_days',
          'paying_days',
          'lifetime_spend',
          'recent_spend',
          'prior_spend',
          'p_alive',
          'churn_risk',
          'expected_clv',
          'last_pay_day',
        ],
        a.top.map((p) => [
          a.asOf,
          p.playerId,
          p.serverId,
          p.tier,
          p.status,
          p.tenureDays,
          p.idleDays,
          p.payingDays,
          p.lifetimeSpend,
          p.recentSpend,
          p.priorSpend,
          p.pAlive === null ? null : p.pAlive.toFixed(4),
          p.riskTier,
          p.expectedClv,
          p.lastPayDay,
        ]),
      ),
    );
  }
  if (s.retention) {
    // The Retention page's CSV layout (its "Download CSV"), for both cohort grains.
    const all = { server: '', platform: '', channel: '' };
    out.push({ name: 'retention.csv', content: retentionCsv({ grain: 'day', ...all }, s.retention.daily.cohorts) });
    out.push({ name: 'retention_weekly.csv', content: retentionCsv({ grain: 'week', ...all }, s.retention.weekly.cohorts) });
  }
  if (s.offers) {
    const o = s.offers;
    out.push(
      file(
        'offers.csv',
        ['as_of', 'offer_id', 'name', 'kind', 'audience', 'cost', 'expected_retained_revenue', 'net', 'roi'],
        o.offers.map((r) => [
          o.asOf,
          r.offerId,
          r.name,
          r.kind,
          r.audience,
          r.cost,
          r.expectedRetainedRevenue,
          r.net,
          r.roi === null ? null : r.roi.toFixed(4),
        ]),
      ),
    );
  }
  return out;
}
