// What the charts of ../cohorts.ts draw with; loaded only by pages that show one of them.
import type { ChartPartList } from '../common.ts';
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';

const parts: ChartPartList = [HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent];
export default parts;
