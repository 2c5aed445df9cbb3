/**
 * The Trace timeline's view model over {@link TimelineData} columns (pure, no DOM): which rows are
 * visible under collapsed rows, keyboard moves, and the time window (zoom and pan). The webview
 * renders from it; it lives beside the message types because both sides read the same columns and
 * it is tested in plain Node.
 *
 * Rows are in tree order (depth first), so a row's subtree is the contiguous range
 * `row + 1 .. ends[row] - 1` and the visible rows are found in one pass that skips collapsed ranges.
 */

/** String `k` of a timeline's string table ('' when out of range). */
export function tableString(data: { readonly text: string; readonly textStart: Uint32Array }, k: number): string {
  const from = data.textStart[k];
  const to = data.textStart[k + 1];
  return from === undefined || to === undefined ? '' : data.text.slice(from, to);
}

/** Builds a string table: `add` returns a string's index (each distinct string stored once). */
export class StringTableBuilder {
  private readonly ids = new Map<string, number>();
  private readonly parts: string[] = [];
  private readonly starts: number[] = [0];
  private length = 0;

  add(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.parts.length;
      this.parts.push(text);
      this.length += text.length;
      this.starts.push(this.length);
      this.ids.set(text, id);
    }
    return id;
  }

  get size(): number {
    return this.parts.length;
  }

  build(): { readonly text: string; readonly textStart: Uint32Array } {
    return { text: this.parts.join(''), textStart: Uint32Array.from(this.starts) };
  }
}

/** The subtree end of each row: the first row after its descendants. O(rows). */
export function subtreeEnds(parent: Int32Array): Int32Array {
  const n = parent.length;
  const ends = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) {
    if (ends[i] === 0) ends[i] = i + 1;
    const p = parent[i] as number;
    if (p >= 0 && (ends[p] as number) < (ends[i] as number)) ends[p] = ends[i] as number;
  }
  return ends;
}

/** Nesting and collapse state of a timeline's rows. */
export class TimelineTree {
  readonly ends: Int32Array;
  private readonly collapsed: Uint8Array;
  private visible: Int32Array | undefined;

  constructor(private readonly parent: Int32Array) {
    this.ends = subtreeEnds(parent);
    this.collapsed = new Uint8Array(parent.length);
  }

  get rowCount(): number {
    return this.parent.length;
  }

  hasChildren(row: number): boolean {
    return (this.ends[row] as number) > row + 1;
  }

  isCollapsed(row: number): boolean {
    return this.collapsed[row] === 1;
  }

  parentOf(row: number): number {
    return this.parent[row] ?? -1;
  }

  /** Collapses or expands a row with children; returns whether anything changed. */
  setCollapsed(row: number, isCollapsed: boolean): boolean {
    if (!this.hasChildren(row) || this.isCollapsed(row) === isCollapsed) return false;
    this.collapsed[row] = isCollapsed ? 1 : 0;
    this.visible = undefined;
    return true;
  }

  /** Expands every ancestor of `row`, so it is visible. */
  reveal(row: number): void {
    for (let p = this.parentOf(row); p >= 0; p = this.parentOf(p)) this.setCollapsed(p, false);
  }

  /** The visible rows, ascending (cached until a collapse changes). */
  visibleRows(): Int32Array {
    if (this.visible !== undefined) return this.visible;
    const n = this.rowCount;
    const out = new Int32Array(n);
    let count = 0;
    for (let i = 0; i < n; ) {
      out[count++] = i;
      i = this.collapsed[i] === 1 ? (this.ends[i] as number) : i + 1;
    }
    this.visible = out.subarray(0, count);
    return this.visible;
  }

  /** Position of `row` among the visible rows, or -1 when it is hidden. */
  visibleIndexOf(row: number): number {
    const visible = this.visibleRows();
    let lo = 0;
    let hi = visible.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const value = visible[mid] as number;
      if (value === row) return mid;
      if (value < row) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The visible row `delta` positions away from `row` (clamped to the first and last). */
  move(row: number, delta: number): number {
    const visible = this.visibleRows();
    if (visible.length === 0) return -1;
    const at = Math.max(0, this.visibleIndexOf(row));
    return visible[Math.min(visible.length - 1, Math.max(0, at + delta))] as number;
  }

  /** Left arrow: collapse an expanded row, else go to its parent. Returns the row to select. */
  left(row: number): number {
    if (this.setCollapsed(row, true)) return row;
    const p = this.parentOf(row);
    return p >= 0 ? p : row;
  }

  /** Right arrow: expand a collapsed row, else go to its first child. Returns the row to select. */
  right(row: number): number {
    if (this.setCollapsed(row, false)) return row;
    return this.hasChildren(row) ? row + 1 : row;
  }
}

/** A timeline's rows with the user's state on them: collapse (in the tree), selection, and each row's span key. */
export interface RowState {
  readonly tree: TimelineTree;
  /** Per row: the span's key (`TimelineData.key`). */
  readonly key: ArrayLike<number>;
  /** The selected row, or -1. */
  readonly selected: number;
}

/**
 * Carries collapsed rows and the selection from one post of a trace to the next, matching rows by span
 * key (a growing trace shifts rows): collapses in `next` the rows whose span was collapsed in `previous`.
 * Returns the selected span's row in `next`, or -1 when it is not there. One pass over each; the
 * rows-to-keys lookup is skipped when nothing is collapsed or selected.
 */
export function carryRowState(previous: RowState, next: Pick<RowState, 'tree' | 'key'>): number {
  const collapsed = new Set<number>();
  for (let row = 0; row < previous.tree.rowCount; row++) {
    const key = previous.key[row];
    if (key !== undefined && previous.tree.isCollapsed(row)) collapsed.add(key);
  }
  const selectedKey = previous.selected >= 0 ? previous.key[previous.selected] : undefined;
  let selected = -1;
  if (collapsed.size === 0 && selectedKey === undefined) return selected;
  const n = Math.min(next.tree.rowCount, next.key.length);
  for (let row = 0; row < n; row++) {
    const key = next.key[row] as number;
    if (key === selectedKey) selected = row;
    if (collapsed.has(key)) next.tree.setCollapsed(row, true);
  }
  return selected;
}

/** The shown part of the time axis, in ms from the trace start. */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/** The narrowest window zoom goes to: a microsecond, or the whole trace when it is shorter. */
export const MIN_WINDOW_MS = 0.001;

/** The whole trace (a 1 ms window for an empty or instantaneous one). */
export function fullWindow(durationMs: number): TimeWindow {
  return { start: 0, end: durationMs > 0 ? durationMs : 1 };
}

/** Keeps a window inside the trace and no narrower than {@link MIN_WINDOW_MS}. */
export function clampWindow(w: TimeWindow, durationMs: number): TimeWindow {
  const full = fullWindow(durationMs);
  const width = Math.min(full.end, Math.max(Math.min(MIN_WINDOW_MS, full.end), w.end - w.start));
  const start = Math.min(Math.max(0, w.start), full.end - width);
  return { start, end: start + width };
}

/**
 * Zooms by `factor` (> 1 zooms in) keeping the time under `anchor` (0..1 across the lane) in place.
 */
export function zoomWindow(w: TimeWindow, factor: number, anchor: number, durationMs: number): TimeWindow {
  const at = w.start + (w.end - w.start) * anchor;
  const width = (w.end - w.start) / factor;
  return clampWindow({ start: at - width * anchor, end: at - width * anchor + width }, durationMs);
}

/** Moves the window by `deltaMs` (positive: later), stopping at the trace's ends. */
export function panWindow(w: TimeWindow, deltaMs: number, durationMs: number): TimeWindow {
  return clampWindow({ start: w.start + deltaMs, end: w.end + deltaMs }, durationMs);
}

/** Pixel x of time `ms` in a lane `width` pixels wide. */
export function timeToX(ms: number, w: TimeWindow, width: number): number {
  return ((ms - w.start) / (w.end - w.start)) * width;
}

/** A round tick step (1, 2 or 5 × 10^k ms) giving at most about `maxTicks` ticks across the window. */
export function tickStep(w: TimeWindow, maxTicks: number): number {
  const raw = (w.end - w.start) / Math.max(1, maxTicks);
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/** An axis label: `0`, `250 µs`, `12 ms`, `1.5 s`. */
export function formatOffset(ms: number): string {
  if (ms === 0) return '0';
  const abs = Math.abs(ms);
  if (abs < 1) return `${trim(ms * 1000)} µs`;
  if (abs < 1000) return `${trim(ms)} ms`;
  return `${trim(ms / 1000)} s`;
}

function trim(value: number): string {
  return String(Number(value.toPrecision(4)));
}
