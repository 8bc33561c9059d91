import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Apache ECharts, bundled from the npm registry: only the parts the console draws with.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/**
 * One chart. `aria` is on: ECharts writes a description of the chart and its data into the
 * container's aria-label (screen readers, and the browser test read it).
 */
export function Chart({ option, testId }: { option: echarts.EChartsCoreOption; testId?: string }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(element.current, undefined, { locale: 'ZH', renderer: 'canvas' });
    chart.setOption({ aria: { enabled: true, data: { maxCount: 60 } }, animation: false, textStyle: { fontFamily: 'inherit' }, ...option });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div className="chart" ref={element} data-testid={testId} />;
}
