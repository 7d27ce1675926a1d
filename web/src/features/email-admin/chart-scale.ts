/**
 * Pure geometry for the delivery chart (inline SVG; no charting library in the bundle): a "nice" y-axis ceiling
 * and ticks, x positions per day, and the SVG path of each series.
 */
export interface ChartBox {
  width: number;
  height: number;
  /** Room for the axis labels. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * A y axis with round, whole-number ticks: the tick step is 1, 2 or 5 × 10ⁿ (at least 1, since counts are
 * whole), chosen so about `target` ticks cover `max`; the ceiling is the first tick at or above it. Empty data
 * still gets an axis from 0 to `target`.
 */
export function niceScale(max: number, target = 4): { ceiling: number; step: number } {
  const value = Number.isFinite(max) && max > 0 ? max : target;
  const raw = value / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= raw) ?? 10 * magnitude);
  return { ceiling: step * Math.max(1, Math.ceil(value / step)), step };
}

/** The ticks from 0 to the ceiling. */
export function yTicks({ ceiling, step }: { ceiling: number; step: number }): number[] {
  const ticks: number[] = [];
  for (let tick = 0; tick <= ceiling + step / 2; tick += step) ticks.push(tick);
  return ticks;
}

export function xAt(index: number, points: number, box: ChartBox): number {
  const inner = box.width - box.left - box.right;
  if (points <= 1) return box.left + inner / 2;
  return box.left + (inner * index) / (points - 1);
}

export function yAt(value: number, ceiling: number, box: ChartBox): number {
  const inner = box.height - box.top - box.bottom;
  const clamped = Math.min(Math.max(value, 0), ceiling);
  return box.top + inner - (inner * clamped) / (ceiling || 1);
}

/** "M x,y L x,y …" through every value, rounded to tenths so the markup stays short. */
export function linePath(values: readonly number[], ceiling: number, box: ChartBox): string {
  return values
    .map((value, index) => `${index === 0 ? 'M' : 'L'}${round(xAt(index, values.length, box))},${round(yAt(value, ceiling, box))}`)
    .join(' ');
}

/** Which day labels to print on the x axis: about `target` of them, always the first and the last. */
export function labelIndexes(points: number, target = 6): number[] {
  if (points <= 0) return [];
  if (points <= target) return Array.from({ length: points }, (_, index) => index);
  const step = Math.ceil((points - 1) / (target - 1));
  const indexes: number[] = [];
  for (let index = 0; index < points - 1; index += step) indexes.push(index);
  if (points - 1 - (indexes.at(-1) ?? 0) < step / 2) indexes.pop();
  indexes.push(points - 1);
  return indexes;
}

/** The index of the day nearest an x position (pointer or keyboard focus on the chart). */
export function nearestIndex(x: number, points: number, box: ChartBox): number {
  if (points <= 1) return 0;
  const inner = box.width - box.left - box.right;
  const index = Math.round(((x - box.left) / inner) * (points - 1));
  return Math.min(points - 1, Math.max(0, index));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
