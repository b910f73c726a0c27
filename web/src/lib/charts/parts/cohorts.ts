// What the charts of ../cohorts.ts draw with; loaded only by pages that show one of them.
import type { ChartPartList } from '../common.ts';
import { HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';

const parts: ChartPartList = [HeatmapChart, LineChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent];
export default parts;
