// The occupancy heat map as SVG geometry: one square per weekday and hour, its shade from the
// share booked AND its percentage written in it, so the colour is never the only carrier.
import type { MessageKey, Translate } from '../i18n/index.js';
import { occupancyPercent, WEEKDAYS, type OccupancyGrid } from '../domain/report-occupancy.js';

const CELL_W = 64;
const CELL_H = 28;
const LEFT = 96;
const TOP = 32;

export interface HeatCell {
  x: number;
  y: number;
  fill: string;
  ink: string;
  text: string;
}

export interface HeatMap {
  width: number;
  height: number;
  cellWidth: number;
  cellHeight: number;
  title: string;
  desc: string;
  columns: { x: number; label: string }[];
  rows: { y: number; label: string; cells: HeatCell[] }[];
}

/** Five shades of one blue, light to dark; the text turns white on the two darkest (contrast ≥ 4.5:1). */
const SHADES = ['#f4f7fb', '#cfe0f3', '#8fb6e0', '#2f6db3', '#173d6b'];

function shade(percent: number | null): { fill: string; ink: string } {
  if (percent === null) return { fill: '#ffffff', ink: '#1a1a1a' };
  const step = percent === 0 ? 0 : percent < 25 ? 1 : percent < 50 ? 2 : percent < 75 ? 3 : 4;
  return { fill: SHADES[step]!, ink: step >= 3 ? '#ffffff' : '#1a1a1a' };
}

export function heatMap(t: Translate, grid: OccupancyGrid): HeatMap {
  const rows = grid.hours.map((hour, r) => ({
    y: TOP + r * CELL_H,
    label: t('reports.hourRange', {
      from: String(hour).padStart(2, '0'),
      to: String((hour + 1) % 24).padStart(2, '0'),
    }),
    cells: grid.cells.get(hour)!.map((cell, c) => {
      const percent = occupancyPercent(cell, grid.resources);
      return {
        x: LEFT + c * CELL_W,
        y: TOP + r * CELL_H,
        ...shade(percent),
        text: percent === null ? '–' : `${percent} %`,
      };
    }),
  }));
  return {
    width: LEFT + WEEKDAYS.length * CELL_W,
    height: TOP + grid.hours.length * CELL_H,
    cellWidth: CELL_W,
    cellHeight: CELL_H,
    title: t('reports.heat.title'),
    desc: t('reports.heat.desc'),
    columns: WEEKDAYS.map((d, c) => ({ x: LEFT + c * CELL_W + CELL_W / 2, label: t(`weekday.${d}` as MessageKey) })),
    rows,
  };
}
