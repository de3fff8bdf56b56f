import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One line or bar series of a chart. */
export interface SeriesSpec {
  label: string;
  stroke: string;
  /** Dash pattern in pixels, for threshold lines. */
  dash?: number[];
  fill?: string;
}

/** A chart bound to a container; `update()` replaces its data. */
export interface Chart {
  update(data: uPlot.AlignedData): void;
}

// Steps of the time axis in seconds. Samples come at most once a second, so finer ticks such
// as the 0.5 s steps that uPlot 1.6.32 picks for a short span only add noise.
const TIME_STEPS = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21_600, 86_400];

// One short label per tick: uPlot's default adds a date row that overlaps in narrow cards.
const clockTime = (seconds: number) =>
  new Date(seconds * 1000).toLocaleTimeString('en-GB', { hour12: false });

// Height kept free under a plot for its legend, which wraps to two lines in a narrow card.
const LEGEND_PIXELS = 52;

function mount(container: HTMLElement, options: Omit<uPlot.Options, 'width' | 'height'>): uPlot {
  const legend = options.legend?.show === false ? 0 : LEGEND_PIXELS;
  const size = () => ({
    width: Math.max(container.clientWidth, 200),
    height: container.clientHeight - legend,
  });
  const plot = new uPlot({ ...options, ...size() }, [[]], container);
  new ResizeObserver(() => plot.setSize(size())).observe(container);
  return plot;
}

/** Counts the non-empty values of every series but x, so tests can see that a chart has data. */
function markPoints(container: HTMLElement, data: uPlot.AlignedData): void {
  let points = 0;
  for (const values of data.slice(1)) {
    for (const value of values) if (value !== null && value !== undefined) points += 1;
  }
  container.dataset.points = String(points);
}

/**
 * Creates a time-series line chart. `format` labels the y axis with units. The y axis always
 * covers `range`, so a threshold stays in view even when every value sits far from it. A chart
 * of one series has no legend, because its card title names the series.
 */
export function lineChart(
  container: HTMLElement,
  series: SeriesSpec[],
  format: (value: number) => string,
  range: [number, number] = [0, 0],
): Chart {
  const plot = mount(container, {
    legend: { live: false, show: series.length > 1 },
    cursor: { show: false },
    scales: {
      x: { time: true },
      y: range ? { range: (_u, min, max) => fit(range, min, max) } : {},
    },
    axes: [
      { incrs: TIME_STEPS, space: 70, values: (_u, splits) => splits.map(clockTime) },
      { size: 60, values: (_u, splits) => splits.map(format) },
    ],
    series: [{}, ...series.map((spec) => ({ ...spec, width: 2, spanGaps: false }))],
  });
  return {
    update(data) {
      plot.setData(data);
      markPoints(container, data);
    },
  };
}

// Head room of 10 % keeps the highest point off the top edge.
function fit(range: [number, number], min: number | null, max: number | null): uPlot.Range.MinMax {
  const top = Math.max(range[1], (max ?? 0) * 1.1);
  return [Math.min(range[0], min ?? range[0]), top > range[0] ? top : range[0] + 1];
}

/** Creates a bar chart over fixed categories; values are given in the order of `labels`. */
export function barChart(
  container: HTMLElement,
  labels: readonly string[],
  spec: SeriesSpec,
  format: (value: number) => string,
): Chart {
  const bars = uPlot.paths.bars?.({ size: [0.7, 48] });
  const plot = mount(container, {
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: [0, null] } },
    axes: [
      {
        splits: () => labels.map((_label, index) => index),
        values: () => [...labels],
        // Six channel names fit under 390 px wide bars only in a smaller font.
        font: '11px system-ui, sans-serif',
      },
      { size: 60, values: (_u, splits) => splits.map(format) },
    ],
    series: [{}, { ...spec, width: 1, ...(bars ? { paths: bars } : {}), points: { show: false } }],
  });
  const x = labels.map((_label, index) => index);
  return {
    update(data) {
      const full: uPlot.AlignedData = [x, data[0] ?? []];
      plot.setData(full);
      markPoints(container, full);
    },
  };
}
