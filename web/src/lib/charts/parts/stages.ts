// What the charts of ../stages.ts draw with; loaded only by pages that show one of them.
import type { ChartPartList } from '../common.ts';
import { LineChart, PieChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';

const parts: ChartPartList = [PieChart, LineChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent];
export default parts;
