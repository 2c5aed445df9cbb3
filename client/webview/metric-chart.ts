/**
 * A metric's time-series chart, drawn by uPlot (a small canvas charting library; its styles come from
 * panel.css and it sets element styles through the CSSOM only, which the panel's CSP allows): a time
 * axis, every label set as a line (or one chosen label set), a histogram's exemplars as points (their own
 * legend entry), and hover values in the legend. Labels are
 * set by uPlot with `textContent`, so label values stay text.
 */
import uPlot from 'uplot';
import type { MetricChart } from '../../protocol/webview';

/** Theme colours for the lines, in order; read from the VS Code theme at draw time. */
const PALETTE = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-red', '--vscode-charts-purple', '--vscode-charts-yellow'];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#f14c4c', '#b180d7', '#cca700'];
const HEIGHT = 260;

/** One chart in a container; `update` redraws with new data, rebuilding only when the lines change. */
export class MetricChartView {
  private plot: uPlot | undefined;
  private shape = '';
  private readonly resize = new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: HEIGHT }));

  constructor(private readonly container: HTMLElement) {
    this.resize.observe(container);
  }

  /** Shows `chart`, all its lines or only the line with key `only`. */
  update(chart: MetricChart, only: string | undefined): void {
    const lines = only === undefined ? chart.lines : chart.lines.filter((l) => l.key === only);
    const exemplars = mergeLines((only === undefined ? chart.exemplars : chart.exemplars.filter((l) => l.key === only)).map((l) => l.values), chart.times.length);
    const data: uPlot.AlignedData = [chart.times.slice(), ...lines.map((l) => l.values.slice()), ...(exemplars === undefined ? [] : [exemplars])];
    const shape = JSON.stringify([chart.meaning, chart.unit, lines.map((l) => l.key), exemplars !== undefined]);
    if (this.plot !== undefined && shape === this.shape) {
      this.plot.setData(data);
      return;
    }
    this.destroy();
    this.shape = shape;
    const axisColour = cssColour('--vscode-foreground', '#ccc');
    const gridColour = cssColour('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)');
    const options: uPlot.Options = {
      width: this.width(),
      height: HEIGHT,
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: true } },
      axes: [
        { stroke: axisColour, grid: { stroke: gridColour, width: 1 }, ticks: { stroke: gridColour } },
        { stroke: axisColour, grid: { stroke: gridColour, width: 1 }, ticks: { stroke: gridColour }, label: [chart.meaning, chart.unit].filter((t) => t !== '').join(', '), size: 70 },
      ],
      series: [
        { label: 'time' },
        ...lines.map((line, i) => ({
          label: line.label,
          stroke: cssColour(PALETTE[i % PALETTE.length] as string, FALLBACK[i % FALLBACK.length] as string),
          width: 1.5,
          spanGaps: true,
          points: { show: chart.times.length < 60 },
        })),
        ...(exemplars === undefined ? [] : [exemplarSeries()]),
      ],
    };
    this.plot = new uPlot(options, data, this.container);
  }

  destroy(): void {
    this.plot?.destroy();
    this.plot = undefined;
    this.shape = '';
  }

  private width(): number {
    return Math.max(200, this.container.clientWidth);
  }
}

/** The exemplar rows of the shown label sets as one row (the first value at each time), or undefined when none. */
function mergeLines(rows: readonly (readonly (number | null)[])[], length: number): (number | null)[] | undefined {
  if (rows.length === 0) return undefined;
  const merged = new Array<number | null>(length).fill(null);
  for (const row of rows) {
    for (let i = 0; i < length; i++) merged[i] ??= row[i] ?? null;
  }
  return merged;
}

/** Exemplars as unconnected points. */
function exemplarSeries(): uPlot.Series {
  const colour = cssColour('--vscode-charts-red', '#f14c4c');
  return { label: 'exemplars', stroke: colour, width: 0, paths: () => null, points: { show: true, size: 7, stroke: colour, fill: colour } };
}

function cssColour(variable: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(variable).trim();
  return value === '' ? fallback : value;
}
