// What the charts of ../value.ts draw with; loaded only by pages that show one of them.
import type { ChartPartList } from '../common.ts';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';

const parts: ChartPartList = [LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent];
export default parts;
