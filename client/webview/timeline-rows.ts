/**
 * The Trace timeline's rows, virtualised: a spacer as tall as all visible rows, and a small pool of
 * absolutely positioned row elements reused for the rows on screen. Names are set with
 * `textContent`; positions and widths through the CSSOM (allowed by the CSP, unlike `style=`).
 */
import { ROW_CRITICAL, ROW_ERROR, ROW_UNENDED } from '../../protocol/webview';
import type { TimelineData } from '../../protocol/webview';
import { formatOffset, tableString, timeToX } from '../../protocol/timeline-view';
import type { TimelineTree, TimeWindow } from '../../protocol/timeline-view';
import { el } from './dom';

/** Row height in px (timeline.css uses the same). */
export const ROW_HEIGHT = 22;
/** Width of the name column: a third of the panel, between these bounds (px). */
const NAME_MIN = 140;
const NAME_MAX = 320;
/** Room kept for a duration label beside a bar (px). */
const LABEL_ROOM = 64;
const INDENT = 14;
/** Rows drawn above and below the viewport, so short scrolls show no gap. */
const OVERSCAN = 8;
/** Event ticks drawn per row at most (a span with thousands of events still draws quickly). */
const MAX_TICKS = 64;
/** Service colours (classes svc-0 … in timeline.css). */
const SERVICE_COLOURS = 8;

interface RowElements {
  readonly row: HTMLElement;
  readonly twisty: HTMLElement;
  readonly mark: HTMLElement;
  readonly name: HTMLElement;
  readonly lane: HTMLElement;
  readonly bar: HTMLElement;
  readonly label: HTMLElement;
  readonly ticks: HTMLElement[];
}

/** What one frame shows. */
export interface RowsFrame {
  readonly data: TimelineData;
  readonly tree: TimelineTree;
  readonly window: TimeWindow;
  readonly selected: number;
}

export class TimelineRows {
  readonly spacer = el('div', { className: 'tl-spacer' });
  private readonly pool: RowElements[] = [];
  /** Service index → colour class, in order of first appearance. */
  private serviceColours = new Map<number, string>();

  constructor(private readonly scroller: HTMLElement) {
    scroller.appendChild(this.spacer);
  }

  /** Call when new data arrives. */
  reset(): void {
    this.serviceColours = new Map();
  }

  /** The name column's width in px (set on the page as `--tl-name` for the CSS). */
  nameWidth(): number {
    return Math.round(Math.min(NAME_MAX, Math.max(NAME_MIN, this.scroller.clientWidth / 3)));
  }

  /** The lane width in px (what is left of the scroller beside the name column). */
  laneWidth(): number {
    return Math.max(40, this.scroller.clientWidth - this.nameWidth());
  }

  /** The row at a y coordinate relative to the scroller's viewport, or -1. */
  rowAt(clientY: number, tree: TimelineTree): number {
    const y = clientY - this.scroller.getBoundingClientRect().top + this.scroller.scrollTop;
    const visible = tree.visibleRows();
    return visible[Math.floor(y / ROW_HEIGHT)] ?? -1;
  }

  /** Scrolls so that visible position `index` is on screen. */
  scrollToIndex(index: number): void {
    const top = index * ROW_HEIGHT;
    if (top < this.scroller.scrollTop) this.scroller.scrollTop = top;
    else if (top + ROW_HEIGHT > this.scroller.scrollTop + this.scroller.clientHeight) this.scroller.scrollTop = top + ROW_HEIGHT - this.scroller.clientHeight;
  }

  /** Draws the rows on screen. */
  render(frame: RowsFrame): void {
    const visible = frame.tree.visibleRows();
    this.spacer.style.height = `${visible.length * ROW_HEIGHT}px`;
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(visible.length, Math.ceil((this.scroller.scrollTop + this.scroller.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    const width = this.laneWidth();
    let used = 0;
    for (let index = first; index < last; index++) this.draw(this.element(used++), visible[index] as number, index, frame, width);
    // Unused rows are hidden and emptied, so the page's text is what is on screen.
    for (let i = used; i < this.pool.length; i++) {
      const e = this.pool[i] as RowElements;
      e.row.hidden = true;
      e.name.textContent = '';
    }
  }

  private element(i: number): RowElements {
    const existing = this.pool[i];
    if (existing !== undefined) return existing;
    const twisty = el('span', { className: 'tl-twisty' });
    const mark = el('span', { className: 'tl-mark' });
    const name = el('span', { className: 'tl-name' });
    const bar = el('div', { className: 'tl-bar' });
    const label = el('span', { className: 'tl-duration' });
    const lane = el('div', { className: 'tl-lane' }, bar, label);
    const row = el('div', { className: 'tl-row' }, el('div', { className: 'tl-label' }, twisty, mark, name), lane);
    row.setAttribute('role', 'treeitem');
    this.spacer.appendChild(row);
    const elements: RowElements = { row, twisty, mark, name, lane, bar, label, ticks: [] };
    this.pool.push(elements);
    return elements;
  }

  private draw(e: RowElements, row: number, index: number, frame: RowsFrame, width: number): void {
    const { data, tree } = frame;
    const flags = data.flags[row] as number;
    const depth = data.depth[row] as number;
    e.row.hidden = false;
    e.row.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
    e.row.dataset['row'] = String(row);
    e.row.classList.toggle('selected', row === frame.selected);
    e.row.classList.toggle('critical', (flags & ROW_CRITICAL) !== 0);
    e.row.setAttribute('aria-level', String(depth + 1));
    e.row.setAttribute('aria-selected', String(row === frame.selected));
    const hasChildren = tree.hasChildren(row);
    if (hasChildren) e.row.setAttribute('aria-expanded', String(!tree.isCollapsed(row)));
    else e.row.removeAttribute('aria-expanded');
    e.twisty.textContent = hasChildren ? (tree.isCollapsed(row) ? '▸' : '▾') : '';
    e.twisty.style.marginLeft = `${Math.min(depth, 60) * INDENT}px`;
    const isError = (flags & ROW_ERROR) !== 0;
    e.mark.textContent = isError ? '●' : (flags & ROW_UNENDED) !== 0 ? '◌' : '';
    e.mark.className = isError ? 'tl-mark error' : 'tl-mark unended';
    const name = tableString(data, data.name[row] as number);
    const service = tableString(data, data.service[row] as number);
    const duration = data.duration[row] as number;
    e.name.textContent = name;
    e.row.title = `${name}\n${service === '' ? '' : `service ${service} · `}starts at +${formatOffset(data.start[row] as number)} · ${formatOffset(duration)}${isError ? ' · error' : ''}${(flags & ROW_CRITICAL) !== 0 ? ' · critical path' : ''}`;
    this.drawBar(e, row, frame, width, duration);
  }

  private drawBar(e: RowElements, row: number, frame: RowsFrame, width: number, duration: number): void {
    const { data, window } = frame;
    const flags = data.flags[row] as number;
    const start = data.start[row] as number;
    const x0 = timeToX(start, window, width);
    const x1 = timeToX(start + duration, window, width);
    const left = Math.max(0, x0);
    const right = Math.min(width, Math.max(x1, x0 + 1));
    e.bar.hidden = right < 0 || left > width;
    e.bar.style.left = `${left}px`;
    e.bar.style.width = `${Math.max(1, right - left)}px`;
    e.bar.className = `tl-bar ${this.colourOf(data.service[row] as number)}${(flags & ROW_ERROR) !== 0 ? ' error' : ''}${(flags & ROW_CRITICAL) !== 0 ? ' critical' : ''}${(flags & ROW_UNENDED) !== 0 ? ' unended' : ''}`;
    // Beside the bar: after it when there is room, else before it, else inside its end.
    e.label.textContent = formatOffset(duration);
    const place = right + LABEL_ROOM <= width ? 'after' : left >= LABEL_ROOM ? 'before' : 'inside';
    e.label.className = `tl-duration ${place}`;
    e.label.style.left = `${place === 'after' ? right + 4 : place === 'before' ? left - LABEL_ROOM : Math.max(0, right - LABEL_ROOM)}px`;
    this.drawTicks(e, row, frame, width);
  }

  private drawTicks(e: RowElements, row: number, frame: RowsFrame, width: number): void {
    const { data, window } = frame;
    const from = data.eventStart[row] as number;
    const to = Math.min(data.eventStart[row + 1] as number, from + MAX_TICKS);
    let used = 0;
    for (let i = from; i < to; i++) {
      const x = timeToX(data.eventTime[i] as number, window, width);
      if (x < 0 || x > width) continue;
      let tick = e.ticks[used];
      if (tick === undefined) {
        tick = el('span', { className: 'tl-tick' });
        e.ticks.push(tick);
        e.lane.appendChild(tick);
      }
      tick.hidden = false;
      tick.style.left = `${x}px`;
      used++;
    }
    for (let i = used; i < e.ticks.length; i++) (e.ticks[i] as HTMLElement).hidden = true;
  }

  private colourOf(service: number): string {
    let colour = this.serviceColours.get(service);
    if (colour === undefined) {
      colour = `svc-${this.serviceColours.size % SERVICE_COLOURS}`;
      this.serviceColours.set(service, colour);
    }
    return colour;
  }
}
