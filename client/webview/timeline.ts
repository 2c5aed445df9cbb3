/**
 * The Trace timeline panel (browser side): one trace as a waterfall. A header with the trace and a
 * time axis, then one row per span (virtualised, see timeline-rows.ts). Zoom with +/- or ctrl+wheel,
 * pan by dragging or shift+wheel, move with the arrow keys, collapse/expand with left/right, open a
 * span (details and source) with a click or Enter.
 */
import { ROW_ERROR } from '../../protocol/webview';
import type { TimelineData, TimelinePanelMessage, TimelinePanelState, TimelineWebviewMessage } from '../../protocol/webview';
import { carryRowState, formatOffset, fullWindow, panWindow, TimelineTree, zoomWindow } from '../../protocol/timeline-view';
import type { TimeWindow } from '../../protocol/timeline-view';
import { clear, domReport, el } from './dom';
import { TimelineAxis } from './timeline-axis';
import { ROW_HEIGHT, TimelineRows } from './timeline-rows';
import { vscodeApi } from './vscode-api';

const vscode = vscodeApi<TimelinePanelState, TimelineWebviewMessage>();
const ZOOM_STEP = 1.5;
/** Marked once the first frame after a trace arrived has been painted (the bench reads it). */
const PAINTED_MARK = 'statscope.timeline.painted';

const root = document.getElementById('app') as HTMLElement;
const title = el('h1', { className: 'span-name' });
const summary = el('p', { className: 'summary' });
const zoomIn = button('+', 'Zoom in (+)');
const zoomOut = button('−', 'Zoom out (−)');
const zoomReset = button('Fit', 'Show the whole trace (0)');
const axis = new TimelineAxis();
const scroller = el('div', { className: 'tl-scroll' });
scroller.tabIndex = 0;
scroller.setAttribute('role', 'tree');
scroller.setAttribute('aria-label', 'Spans of the trace');
const rows = new TimelineRows(scroller);
const message = el('p', { className: 'empty' });
root.classList.add('timeline');
root.append(el('header', {}, title, el('div', { className: 'tl-zoom' }, zoomOut, zoomIn, zoomReset)), summary, message, axis.element, scroller);

interface Shown {
  readonly data: TimelineData;
  readonly tree: TimelineTree;
  window: TimeWindow;
  selected: number;
}
let shown: Shown | undefined;
let frameRequested = false;

window.addEventListener('message', (event: MessageEvent<TimelinePanelMessage>) => {
  const m = event.data;
  switch (m.type) {
    case 'timeline':
      show(m.data, m.message);
      if (m.focusRow !== undefined) select(m.focusRow);
      break;
    case 'reportDom':
      vscode.postMessage({ type: 'domReport', requestId: m.requestId, report: domReport() });
      break;
  }
});

function show(data: TimelineData | undefined, text: string | undefined): void {
  const previous = shown;
  if (data === undefined) {
    shown = undefined;
    title.textContent = 'Trace timeline';
    summary.textContent = '';
    message.textContent = text ?? 'No trace.';
    message.hidden = false;
    rows.reset();
    render();
    return;
  }
  const isSameTrace = previous !== undefined && previous.data.traceId === data.traceId && previous.data.runId === data.runId;
  const tree = new TimelineTree(data.parent);
  // A live trace is posted again as it grows: collapsed rows and the selection follow their spans.
  const kept = isSameTrace ? carryRowState({ tree: previous.tree, key: previous.data.key, selected: previous.selected }, { tree, key: data.key }) : -1;
  shown = {
    data,
    tree,
    window: isSameTrace ? previous.window : fullWindow(data.durationMs),
    selected: kept >= 0 ? kept : data.parent.length > 0 ? 0 : -1,
  };
  if (!isSameTrace) {
    rows.reset();
    scroller.scrollTop = 0;
  }
  vscode.setState({ runId: data.runId, traceId: data.traceId });
  title.textContent = data.title;
  summary.textContent = describe(data);
  message.hidden = data.parent.length > 0;
  message.textContent = data.parent.length > 0 ? '' : 'This trace has no spans yet.';
  render();
  markPainted();
  // Keys work at once in a new timeline.
  if (!isSameTrace) scroller.focus({ preventScroll: true });
}

function describe(data: TimelineData): string {
  let errors = 0;
  for (let i = 0; i < data.flags.length; i++) if (((data.flags[i] as number) & ROW_ERROR) !== 0) errors++;
  const isService = new Uint8Array(data.textStart.length);
  let services = 0;
  for (let i = 0; i < data.service.length; i++) {
    const k = data.service[i] as number;
    if (isService[k] === 0) services++;
    isService[k] = 1;
  }
  const count = data.parent.length.toLocaleString('en-US');
  return `${count} spans · ${formatOffset(data.durationMs)} · ${services} ${services === 1 ? 'service' : 'services'}${errors > 0 ? ` · ${errors} errors` : ''} · trace ${data.traceId}`;
}

/** Marks the first paint after new data: after the next frame's rendering (rAF, then a task). */
function markPainted(): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => performance.mark(PAINTED_MARK);
    channel.port2.postMessage(undefined);
  });
}

function render(): void {
  if (shown === undefined) {
    clear(rows.spacer);
    axis.render(undefined, rows.laneWidth());
    return;
  }
  root.style.setProperty('--tl-name', `${rows.nameWidth()}px`);
  rows.render({ data: shown.data, tree: shown.tree, window: shown.window, selected: shown.selected });
  axis.render(shown.window, rows.laneWidth());
}

/** Renders on the next frame (scrolling and dragging fire faster than frames). */
function scheduleRender(): void {
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(() => {
    frameRequested = false;
    render();
  });
}

function setWindow(w: TimeWindow): void {
  if (shown === undefined) return;
  shown.window = w;
  scheduleRender();
}

function zoom(factor: number, anchor = 0.5): void {
  if (shown !== undefined) setWindow(zoomWindow(shown.window, factor, anchor, shown.data.durationMs));
}

function select(row: number): void {
  if (shown === undefined || row < 0) return;
  shown.selected = row;
  shown.tree.reveal(row);
  rows.scrollToIndex(shown.tree.visibleIndexOf(row));
  scheduleRender();
}

function open(row: number): void {
  if (shown === undefined || row < 0) return;
  vscode.postMessage({ type: 'openRow', version: shown.data.version, row });
}

function toggle(row: number): void {
  if (shown === undefined) return;
  if (shown.tree.setCollapsed(row, !shown.tree.isCollapsed(row))) scheduleRender();
}

const pageRows = (): number => Math.max(1, Math.floor(scroller.clientHeight / ROW_HEIGHT) - 1);

scroller.addEventListener('keydown', (event) => {
  if (shown === undefined) return;
  const { tree, selected } = shown;
  const keys: Record<string, () => void> = {
    ArrowDown: () => select(tree.move(selected, 1)),
    ArrowUp: () => select(tree.move(selected, -1)),
    PageDown: () => select(tree.move(selected, pageRows())),
    PageUp: () => select(tree.move(selected, -pageRows())),
    Home: () => select(tree.move(selected, -Infinity)),
    End: () => select(tree.move(selected, Infinity)),
    ArrowLeft: () => select(tree.left(selected)),
    ArrowRight: () => select(tree.right(selected)),
    Enter: () => open(selected),
    '+': () => zoom(ZOOM_STEP),
    '=': () => zoom(ZOOM_STEP),
    '-': () => zoom(1 / ZOOM_STEP),
    '0': () => setWindow(fullWindow(shown?.data.durationMs ?? 0)),
  };
  const action = Object.hasOwn(keys, event.key) ? keys[event.key] : undefined;
  if (action === undefined) return;
  event.preventDefault();
  action();
});

scroller.addEventListener('scroll', scheduleRender, { passive: true });
window.addEventListener('resize', scheduleRender);

/** Fraction (0..1) across the lane of a pointer x, or undefined left of it. */
function laneFraction(clientX: number): number | undefined {
  const x = clientX - scroller.getBoundingClientRect().left - rows.nameWidth();
  return x < 0 ? undefined : Math.min(1, x / rows.laneWidth());
}

scroller.addEventListener(
  'wheel',
  (event) => {
    if (shown === undefined) return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      zoom(event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, laneFraction(event.clientX) ?? 0.5);
    } else if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
      event.preventDefault();
      const w = shown.window;
      const delta = event.shiftKey && event.deltaX === 0 ? event.deltaY : event.deltaX;
      setWindow(panWindow(w, (delta / rows.laneWidth()) * (w.end - w.start), shown.data.durationMs));
    }
  },
  { passive: false },
);

// Dragging in the lane pans; a press without movement is a click.
let drag: { x: number; window: TimeWindow; moved: boolean } | undefined;
scroller.addEventListener('pointerdown', (event) => {
  if (shown === undefined || event.button !== 0 || laneFraction(event.clientX) === undefined) return;
  drag = { x: event.clientX, window: shown.window, moved: false };
  scroller.setPointerCapture(event.pointerId);
});
scroller.addEventListener('pointermove', (event) => {
  if (drag === undefined || shown === undefined) return;
  const dx = event.clientX - drag.x;
  if (Math.abs(dx) > 3) drag.moved = true;
  if (!drag.moved) return;
  const w = drag.window;
  setWindow(panWindow(w, (-dx / rows.laneWidth()) * (w.end - w.start), shown.data.durationMs));
});
scroller.addEventListener('pointerup', () => {
  // The click event follows; it reads `drag` to tell a drag from a click.
  setTimeout(() => (drag = undefined), 0);
});

scroller.addEventListener('click', (event) => {
  if (shown === undefined || drag?.moved === true) return;
  const row = rows.rowAt(event.clientY, shown.tree);
  if (row < 0) return;
  if (event.target instanceof HTMLElement && event.target.classList.contains('tl-twisty')) {
    toggle(row);
    return;
  }
  select(row);
  open(row);
});

zoomIn.addEventListener('click', () => zoom(ZOOM_STEP));
zoomOut.addEventListener('click', () => zoom(1 / ZOOM_STEP));
zoomReset.addEventListener('click', () => setWindow(fullWindow(shown?.data.durationMs ?? 0)));

function button(text: string, tip: string): HTMLButtonElement {
  const b = el('button', { text, title: tip });
  b.type = 'button';
  return b;
}

vscode.postMessage({ type: 'ready' });
