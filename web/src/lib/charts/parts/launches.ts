// What the charts of ../launches.ts draw with; loaded only by pages that show one of them.
import type { ChartPartList } from '../common.ts';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';

const parts: ChartPartList = [BarChart, GridComponent, TooltipComponent, LegendComponent];
export default parts;
