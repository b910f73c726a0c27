// A quarantine reason in a reader's language, for the dashboard and the churn report alike. The ingester
// stores each reason as fixed English text, some with the field or the configured limit in it
// (server/queries/ingest/stagingSql.ts, conflicts.ts); each shape has words here, and the field names,
// limits and values inside stay as they are.
import type { ReportLang } from './enums.ts';

type Shape =
  | 'missingEnd'
  | 'missing'
  | 'notTime'
  | 'future'
  | 'notLevel'
  | 'notInteger'
  | 'negativeDuration'
  | 'notDecimal'
  | 'unknownCurrency'
  | 'unparsable'
  | 'erased'
  | 'selfLink'
  | 'conflict'
  | 'overLimit';
type Limit = 'longest session' | 'highest level' | 'largest single payment';

const WORDS: Record<ReportLang, Record<Shape, string> & { limits: Record<Limit, string> }> = {
  en: {
    missingEnd: 'missing end or duration_s',
    missing: 'missing {field}',
    notTime: '{field} is not ISO-8601 with an offset or epoch milliseconds',
    future: '{field} is more than a day in the future',
    notLevel: '{field} is not an integer 0..65535',
    notInteger: '{field} is not an integer',
    negativeDuration: 'negative duration',
    notDecimal: 'amount is not a decimal number',
    unknownCurrency: 'unknown currency',
    unparsable: 'unparsable JSON',
    erased: 'erased player',
    selfLink: 'friend_id is the player_id itself',
    conflict: 'conflicting duplicate: different {field}',
    overLimit: '{field} is above the {limit} ({value})',
    limits: { 'longest session': 'longest session', 'highest level': 'highest level', 'largest single payment': 'largest single payment' },
  },
  zh: {
    missingEnd: '缺少 end 或 duration_s',
    missing: '缺少 {field}',
    notTime: '{field} 不是带时区偏移的 ISO-8601 时间或毫秒时间戳',
    future: '{field} 比现在晚一天以上',
    notLevel: '{field} 不是 0..65535 的整数',
    notInteger: '{field} 不是整数',
    negativeDuration: '时长为负数',
    notDecimal: 'amount 不是十进制数',
    unknownCurrency: '未知币种',
    unparsable: '无法解析的 JSON',
    erased: '已删除的玩家',
    selfLink: 'friend_id 与 player_id 相同',
    conflict: '重复事件的内容不一致：{field} 不同',
    overLimit: '{field} 超过{limit}（{value}）',
    limits: { 'longest session': '最长会话时长', 'highest level': '最高等级', 'largest single payment': '单笔付款上限' },
  },
};

/** In order: the first shape whose pattern matches words the reason; the groups fill its placeholders. */
const SHAPES: [RegExp, Shape, string[]][] = [
  [/^missing end or duration_s$/, 'missingEnd', []],
  [/^missing (\S+)$/, 'missing', ['field']],
  [/^(\S+) is not ISO-8601 with an offset or epoch milliseconds$/, 'notTime', ['field']],
  [/^(\S+) is more than a day in the future$/, 'future', ['field']],
  [/^(\S+) is not an integer 0\.\.65535$/, 'notLevel', ['field']],
  [/^(\S+) is not an integer$/, 'notInteger', ['field']],
  [/^negative duration$/, 'negativeDuration', []],
  [/^amount is not a decimal number$/, 'notDecimal', []],
  [/^unknown currency$/, 'unknownCurrency', []],
  [/^unparsable JSON$/, 'unparsable', []],
  [/^erased player$/, 'erased', []],
  [/^friend_id is the player_id itself$/, 'selfLink', []],
  [/^conflicting duplicate: different (.+)$/, 'conflict', ['field']],
  [/^(duration|level|amount|refund) is above the (longest session|highest level|largest single payment) \((.+)\)$/, 'overLimit', ['field', 'limit', 'value']],
];

/** The reason worded in `lang`, or as stored when it has no known shape. */
export function quarantineReasonText(reason: string, lang: ReportLang): string {
  for (const [pattern, shape, names] of SHAPES) {
    const m = reason.match(pattern);
    if (!m) continue;
    const words = WORDS[lang];
    const values: Record<string, string> = Object.fromEntries(names.map((n, i) => [n, m[i + 1]]));
    if (values.limit) values.limit = words.limits[values.limit as Limit];
    return words[shape].replace(/\{(\w+)\}/g, (_, name: string) => values[name]);
  }
  return reason;
}

/** Whether a reason has a known shape (a unit test holds every reason the ingester writes to this). */
export const knownQuarantineReason = (reason: string): boolean => SHAPES.some(([pattern]) => pattern.test(reason));
