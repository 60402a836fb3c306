/**
 * A chart drawn with Apache ECharts (bundled, no CDN), always with its table beside it, a PNG
 * of the picture and the data as XLSX. Only the parts of ECharts used are loaded.
 */
import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type ReactNode } from 'react';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export interface ChartSeries {
  name: string;
  values: number[];
  /** Series with the same stack are drawn on top of each other. */
  stack?: string;
}

export interface ChartSpec {
  kind: 'bar' | 'line';
  categories: string[];
  series: ChartSeries[];
  /** Bars drawn along the vertical axis (long category names). */
  horizontal?: boolean;
}

const COLOURS = ['#2f6fdf', '#e3a008', '#c02c2c', '#8a8f98', '#2e9d5b', '#7c3aed', '#0e7490'];

function optionOf(spec: ChartSpec): echarts.EChartsCoreOption {
  const categoryAxis = { type: 'category', data: spec.categories, axisLabel: { interval: 0 } };
  const valueAxis = { type: 'value', minInterval: 1 };
  return {
    animation: false,
    color: COLOURS,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: spec.horizontal ? valueAxis : categoryAxis,
    yAxis: spec.horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
    series: spec.series.map((s) => ({
      name: s.name,
      type: spec.kind,
      data: s.values,
      ...(s.stack ? { stack: s.stack } : {}),
    })),
  };
}

export function Chart({
  title,
  spec,
  table,
  xlsxUrl,
  pngName,
}: {
  title: string;
  spec: ChartSpec;
  /** The same figures as a table, shown beside the chart. */
  table: ReactNode;
  xlsxUrl: string;
  pngName: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const onResize = () => instance.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(optionOf(spec), true);
  }, [spec]);

  function downloadPng() {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = pngName;
    a.click();
  }

  const height = spec.horizontal ? Math.max(220, spec.categories.length * 28 + 60) : 280;
  return (
    <figure className="card chart-figure" aria-label={title}>
      <figcaption>
        <strong>{title}</strong>
        <span className="chart-actions">
          <button type="button" onClick={downloadPng}>
            下载图片（PNG）
          </button>
          <a className="button" href={xlsxUrl}>
            下载数据（XLSX）
          </a>
        </span>
      </figcaption>
      <div className="chart-body">
        <div
          ref={box}
          className="chart-canvas"
          role="img"
          aria-label={`${title}（图表，数据见右侧表格）`}
          data-chart={JSON.stringify({ categories: spec.categories, series: spec.series })}
          style={{ height }}
        />
        <div className="chart-table">{table}</div>
      </div>
    </figure>
  );
}
