import { HeatmapChart } from "echarts/charts";
import { GridComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { INDICATOR_KEYS } from "@duty-ledger/scoring/indicator-keys";
import type { IndicatorKey, ScoresAnswerUnit } from "../api-answers.js";

/**
 * The seven indicators of every unit at a glance: a heat map (units down, indicators across,
 * the value as a percentage in each cell). This module is loaded on demand (its own chunk),
 * so pages without a chart never download the chart library. Only the parts used are bundled.
 */

use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export interface IndicatorChart {
  dispose(): void;
}

export interface IndicatorChartOptions {
  readonly units: readonly ScoresAnswerUnit[];
  /** The unit's registered name, shown in the tooltip beside its id. */
  readonly unitName?: (unitId: string) => string | undefined;
  readonly indicatorLabel: (key: IndicatorKey) => string;
  readonly notScored: string;
  /** A cell was clicked. */
  readonly onPick: (unitId: string, indicator: IndicatorKey) => void;
}

const ROW_HEIGHT = 26;

/** The tooltip is HTML: text from the API (a unit's name) is escaped. */
const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

export const renderIndicatorChart = (el: HTMLElement, options: IndicatorChartOptions): IndicatorChart => {
  // Rank 1 at the top: the y axis runs bottom-up.
  const units = [...options.units].reverse();
  const narrow = el.clientWidth < 560;
  // The indicator names on top (visible without scrolling), the colour scale below.
  // Unit names on the y axis when known (truncated to the margin; the tooltip has the whole name and the id).
  const labelOf = (unitId: string): string => options.unitName?.(unitId) ?? unitId;
  const named = units.some((unit) => options.unitName?.(unit.unitId) !== undefined);
  const grid = { top: narrow ? 64 : 30, left: named ? (narrow ? 96 : 160) : narrow ? 78 : 96, right: 8, bottom: 56 };
  el.style.height = `${Math.max(220, units.length * ROW_HEIGHT + grid.top + grid.bottom)}px`;
  // The grid's place, for tests that click a cell.
  el.dataset["grid"] = `${grid.top} ${grid.right} ${grid.bottom} ${grid.left}`;
  const chart = init(el, undefined, { renderer: "canvas" });
  const data = units.flatMap((unit, y) =>
    INDICATOR_KEYS.map((key, x) => {
      const value = unit.indicators[key];
      return [x, y, value === null ? "-" : Math.round(value * 1000) / 10];
    }),
  );
  chart.setOption({
    animation: false,
    grid,
    tooltip: {
      formatter: (params: unknown) => {
        const p = params as { value: [number, number, number | string] };
        const unit = units[p.value[1]];
        const key = INDICATOR_KEYS[p.value[0]];
        if (unit === undefined || key === undefined) return "";
        const value = p.value[2];
        const name = options.unitName?.(unit.unitId);
        const who = name === undefined ? escapeHtml(unit.unitId) : `${escapeHtml(name)} ${escapeHtml(unit.unitId)}`;
        return `${who}<br>${escapeHtml(options.indicatorLabel(key))}: ${typeof value === "number" ? `${value}%` : options.notScored}`;
      },
    },
    xAxis: {
      type: "category",
      position: "top",
      data: INDICATOR_KEYS.map((key) => options.indicatorLabel(key)),
      axisLabel: { interval: 0, rotate: narrow ? 45 : 0, fontSize: 11 },
      splitArea: { show: true },
    },
    yAxis: {
      type: "category",
      data: units.map((u) => u.unitId),
      axisLabel: { fontSize: 11, width: grid.left - 10, overflow: "truncate", formatter: labelOf },
      splitArea: { show: true },
    },
    visualMap: {
      min: 0,
      max: 100,
      calculable: false,
      orient: "horizontal",
      left: "center",
      bottom: 0,
      itemHeight: narrow ? 120 : 200,
      text: ["100%", "0%"],
      inRange: { color: ["#fbeaea", "#e7a3a0", "#c44a45", "#8a1518"] },
    },
    series: [
      {
        type: "heatmap",
        data,
        label: { show: true, fontSize: narrow ? 9 : 11, formatter: (p: { value: [number, number, number | string] }) => (typeof p.value[2] === "number" ? p.value[2].toFixed(0) : "—") },
        emphasis: { itemStyle: { borderColor: "#222", borderWidth: 1 } },
        cursor: "pointer",
      },
    ],
  });
  chart.on("click", (params) => {
    const value = (params as { value?: unknown }).value;
    if (!Array.isArray(value)) return;
    const unit = units[Number(value[1])];
    const key = INDICATOR_KEYS[Number(value[0])];
    if (unit !== undefined && key !== undefined) options.onPick(unit.unitId, key);
  });
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(el);
  return {
    dispose() {
      observer.disconnect();
      chart.dispose();
    },
  };
};
