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
    // Days by position: one slot per day, labelled with its date (the organization's calendar day, whatever the
    // browser's zone).
    const xs = days.map((_, index) => index);
    const scale = unit === "minutes" ? 60 : 1;
    const data: uPlot.AlignedData = [xs, ...series.map((s) => s.values.map((value) => (value === null ? null : value / scale)))];
    const dayAt = (index: number | null | undefined) => (index !== null && index !== undefined && Number.isInteger(index) ? (days[index] ?? "") : "");
    const options: uPlot.Options = {
      width: Math.max(280, element.clientWidth),
      height: HEIGHT,
      scales: { x: { time: false, range: [-0.5, days.length - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(unit === "count" ? 4 : 1, max * 1.1)] } },
      axes: [
        { stroke: "#5b6472", space: 60, incrs: [1, 2, 7, 14, 30], values: (_u, ticks) => ticks.map((tick) => dayAt(tick).slice(5)) },
        { stroke: "#5b6472", size: 70, values: (_u, ticks) => ticks.map((tick) => (unit === "minutes" ? `${tick} min` : String(tick))) },
      ],
      legend: { show: true },
      series: [
        { label: "Day", value: (_u, index) => dayAt(index) || "—" },
        ...series.map((s, index) => ({
          label: s.label,
          stroke: s.color,
          width: kind === "bars" ? 0 : 2,
          fill: kind === "bars" ? s.color : undefined,
          // Side by side within the day's slot when there are two.
          paths: kind === "bars" ? uPlot.paths.bars!({ size: [series.length > 1 ? 0.4 : 0.7, 40], align: series.length > 1 ? (index === 0 ? -1 : 1) : 0 }) : undefined,
          points: { show: kind === "lines" },
          spanGaps: kind === "lines",
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
