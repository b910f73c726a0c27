// What the charts of ../transitions.ts draw with; loaded only by pages that show one of them.
import type { ChartPartList } from '../common.ts';
import { SankeyChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';

const parts: ChartPartList = [SankeyChart, TooltipComponent];
export default parts;
