// Each series of a chart has a dash of its own (by its place in the chart), so colour never
// tells two series apart alone: 2xx from 3xx, p50 from p95, one error code from another.
// The legend draws the same dash. Plain data: the page uses it, the tests read it.

/** Solid first, then patterns that stay apart at a glance (and at 200 % zoom). */
export const DASHES: readonly (readonly number[])[] = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 2], [1, 5], [12, 3, 2, 3, 2, 3], [6, 6]];

/** The dash of the series at `index` of its chart (a copy: canvas and uPlot may keep it). */
export function seriesDash(index: number): number[] {
  return [...DASHES[index % DASHES.length]!];
}
