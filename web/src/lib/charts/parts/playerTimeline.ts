// What the charts of ../playerTimeline.ts draw with; loaded only by pages that show one of them.
import type { ChartPartList } from '../common.ts';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';

const parts: ChartPartList = [BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent];
export default parts;
