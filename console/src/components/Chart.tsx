// A bar chart of values per day (usage and cost), drawn by uPlot on a canvas. The same
// figures are in a table under it, for screen readers and for anyone who wants numbers.
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface DayValue {
  date: string; // YYYY-MM-DD
  value: number;
}

export function DailyChart({
  title,
  unit,
  days,
  format = (v) => String(v),
}: {
  title: string;
  unit: string;
  days: DayValue[];
  format?: (value: number) => string;
}) {
  const holder = useRef<HTMLDivElement>(null);
  // Oldest first on the time axis, whatever order the API gave.
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const key = sorted.map((d) => `${d.date}=${d.value}`).join(",");

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const xs = sorted.map((d) => Date.parse(`${d.date}T00:00:00Z`) / 1000);
    const ys = sorted.map((d) => d.value);
    const chart = new uPlot(
      {
        width: Math.max(320, element.clientWidth || 640),
        height: 220,
        legend: { show: false },
        cursor: { show: true },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
        axes: [{}, { values: (_u, ticks) => ticks.map((t) => format(t)), size: 70 }],
        series: [
          {},
          {
            label: unit,
            stroke: "#1d4ed8",
            fill: "rgba(29, 78, 216, 0.35)",
            paths: uPlot.paths.bars?.({ size: [0.6, 40] }),
            points: { show: false },
          },
        ],
      },
      [xs, ys],
      element,
    );
    return () => chart.destroy();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={holder} role="img" aria-label={`${title}: bar chart, figures in the table below`} />
      <details>
        <summary>Figures</summary>
        <table className="list">
          <thead>
            <tr>
              <th>Day</th>
              <th>{unit}</th>
            </tr>
          </thead>
          <tbody>
            {[...sorted].reverse().map((d) => (
              <tr key={d.date}>
                <td>{d.date}</td>
                <td>{format(d.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** US dollars with as many decimals as small amounts need. */
export function usd(value: number): string {
  if (value === 0) return "$0";
  if (Math.abs(value) < 0.01) return `$${value.toFixed(6).replace(/0+$/, "")}`;
  return `$${value.toFixed(2)}`;
}
