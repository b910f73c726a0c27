// The tree-shaken ECharts build: only what the dashboard draws is registered.
// Loaded lazily by EChart.svelte, so the first paint and the health page never wait for it.
// SVG rather than canvas: crisp at any zoom, and the drawn numbers stay in the DOM where tests and screen readers find them.
import { init, use } from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, PieChart, SankeyChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([
  BarChart,
  HeatmapChart,
  LineChart,
  PieChart,
  SankeyChart,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

export { init };
