// Shared pieces of the chart option builders: the option type, the palette and the zoom rule.
import type { ComposeOption, use } from 'echarts/core';
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption, PieSeriesOption, SankeySeriesOption } from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { Formatter } from '../format.ts';
import type { Translator } from '../i18n.ts';
import { STAGES, type Stage } from '../../../../contract/enums.ts';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | HeatmapSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | SankeySeriesOption
  | DataZoomComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/** ECharts chart types and components, as `use` registers them. */
export type ChartPartList = Extract<Parameters<typeof use>[0], unknown[]>;

/**
 * Loads the parts a builder's charts draw with (its module in ./parts). Each
 * builder declares its own, so a page's charts pull in only their chart types
 * and components, and ECharts itself loads only when a chart mounts.
 */
export type ChartParts = () => Promise<{ default: ChartPartList }>;

/** What a builder needs to label a chart; passed in so builders stay pure. */
export interface ChartContext {
  t: Translator;
  fmt: Formatter;
}

/** Lifecycle order, used for legends, stacking (bottom to top) and tables (declared once, in the contract). */
export { STAGES };

/** One colour per stage everywhere: charts and the stage table both read these. */
export const STAGE_COLORS: Record<Stage, string> = {
  exploration: '#3b82f6',
  growth: '#22a06b',
  stable: '#8b5cf6',
  decline: '#f07c1f',
};

export const SERIES_COLORS = { dau: '#334155', revenue: '#e0b341' } as const;

export const TEXT_COLOR = '#5b6472';

/** Beyond about three months of days a zoom slider makes the x axis usable. */
const ZOOM_FROM = 93;

export function zoomFor(points: number): DataZoomComponentOption[] {
  // Wheel zoom needs Shift so scrolling the page over a chart still scrolls the page.
  return points >= ZOOM_FROM
    ? [
        { type: 'inside', zoomOnMouseWheel: 'shift', moveOnMouseWheel: false },
        { type: 'slider', height: 18, bottom: 6 },
      ]
    : [];
}

export function gridFor(points: number): GridComponentOption {
  // 'same' + 'all': axis labels and names are kept inside these margins (ECharts 6 replacement for containLabel).
  return {
    left: 8,
    right: 24, // room for the last day label at the edge of a boundary-less category axis
    top: 44,
    bottom: points >= ZOOM_FROM ? 36 : 8,
    outerBoundsMode: 'same',
    outerBoundsContain: 'all',
  };
}
