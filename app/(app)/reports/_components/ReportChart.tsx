"use client";
// One chart of the report, drawn with uPlot on a canvas sized to its column. The canvas is hidden from assistive
// technology: the table under each chart holds the same figures.
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
}

interface Props {
  days: string[];
  series: ChartSeries[];
  kind: "bars" | "lines";
  /** How a y value reads on the axis (a count, or seconds as minutes). */
  unit: "count" | "minutes";
}

const HEIGHT = 220;

export function ReportChart({ days, series, kind, unit }: Props) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const xs = days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000);
    const scale = unit === "minutes" ? 60 : 1;
    const data: uPlot.AlignedData = [xs, ...series.map((s) => s.values.map((value) => (value === null ? null : value / scale)))];
    const bars = uPlot.paths.bars!({ size: [0.6 / Math.max(1, series.length), 40], align: series.length > 1 ? 1 : 0 });
    const options: uPlot.Options = {
      width: Math.max(280, element.clientWidth),
      height: HEIGHT,
      // Days are the organization's calendar days: label them as such, whatever the browser's zone.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "UTC"),
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(unit === "count" ? 4 : 1, max * 1.1)] } },
      axes: [{ stroke: "#5b6472" }, { stroke: "#5b6472", size: 50, values: (_u, ticks) => ticks.map((tick) => (unit === "minutes" ? `${tick} min` : String(tick))) }],
      legend: { show: true },
      series: [
        {},
        ...series.map((s, index) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          fill: kind === "bars" ? s.color : undefined,
          paths: kind === "bars" ? bars : undefined,
          points: { show: kind === "lines" },
          spanGaps: kind === "lines",
          ...(kind === "bars" && series.length > 1 ? { paths: uPlot.paths.bars!({ size: [0.35, 30], align: index === 0 ? -1 : 1 }) } : {}),
        })),
      ],
    };
    const chart = new uPlot(options, data, element);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(280, element.clientWidth), height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [days, series, kind, unit]);

  return <div ref={container} className="report-chart" aria-hidden="true" />;
}
