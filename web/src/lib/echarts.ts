// ECharts' core and renderer, loaded lazily by EChart.svelte, so the first paint and pages without a chart never wait for it.
// Chart types and components are not here: each chart builder declares its own (charts/parts), so a page loads only what it draws.
// SVG rather than canvas: crisp at any zoom, and the drawn numbers stay in the DOM where tests and screen readers find them.
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([SVGRenderer]);

export { init, use };
