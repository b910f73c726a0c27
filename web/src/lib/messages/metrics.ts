// Strings around the metric definitions (names and sentences are in contract/metricDefinitions.ts) and period comparisons.
import { defineMessages } from './define.ts';

export default defineMessages(
  {
    'metric.about': 'About {name}',
    'metric.window': 'Window: {window}',
    'metric.unit': 'Unit: {unit}',
    'change.points': '{value} pt',
    'change.none': 'no earlier figure to compare',
    'change.vsPrevious': 'vs {from} – {to}',
    'change.vsDay': 'vs {day}',
    'spark.label': 'Daily {name}, {from} – {to}',
    'kpi.cohorts': 'Recent cohorts',
    'kpi.cohortsHint': 'cohorts whose day n falls in the range',
  } as const,
  {
    'metric.about': '关于{name}',
    'metric.window': '统计窗口：{window}',
    'metric.unit': '单位：{unit}',
    'change.points': '{value} 个百分点',
    'change.none': '没有可比较的早期数据',
    'change.vsPrevious': '对比 {from} 至 {to}',
    'change.vsDay': '对比 {day}',
    'spark.label': '每日{name}，{from} 至 {to}',
    'kpi.cohorts': '近期同期群',
    'kpi.cohortsHint': '第 n 天落在所选范围内的同期群',
  },
);
