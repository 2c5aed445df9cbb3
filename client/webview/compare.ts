/**
 * The Compare panel (browser side): a title, a summary, the span table and the metric table, sortable
 * by any column (click the header; again to reverse), span names as buttons that reveal the source.
 * Everything is set as text.
 */
import type { ComparePanelMessage, ComparePanelState, CompareRow, CompareTable, CompareView, CompareWebviewMessage } from '../../protocol/webview';
import { clear, domReport, el } from './dom';
import { vscodeApi } from './vscode-api';

const vscode = vscodeApi<ComparePanelState, CompareWebviewMessage>();
const root = document.getElementById('app') as HTMLElement;

/** Sort state per table title, kept across updates. */
const sorting = new Map<string, { column: number; descending: boolean }>();
let current: CompareView | undefined;

window.addEventListener('message', (event: MessageEvent<ComparePanelMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'compare':
      current = message.view;
      render(message.message);
      if (message.view !== undefined) vscode.setState({ baseRunId: message.view.baseRunId, headRunId: message.view.headRunId });
      break;
    case 'reportDom':
      vscode.postMessage({ type: 'domReport', requestId: message.requestId, report: domReport() });
      break;
  }
});

function render(message: string | undefined): void {
  clear(root);
  const view = current;
  if (view === undefined) {
    root.appendChild(el('p', { className: 'empty', text: message ?? 'No runs compared.' }));
    return;
  }
  root.append(el('header', {}, el('h1', { className: 'compare-title', text: view.title })), el('p', { className: 'summary', text: view.summary }));
  root.append(el('h2', { text: view.spans.title }), table(view.spans));
  root.append(el('h2', { text: view.metrics.title }), table(view.metrics));
  root.append(el('p', { className: 'description', text: view.noiseNote }));
}

/** Compares sort keys: numbers before strings, null always last. */
function compareKeys(a: number | string | null, b: number | string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

function sortedRows(t: CompareTable): readonly CompareRow[] {
  const sort = sorting.get(t.title);
  if (sort === undefined) return t.rows;
  const sign = sort.descending ? -1 : 1;
  return t.rows.slice().sort((x, y) => {
    const a = x.sortKeys[sort.column] ?? null;
    const b = y.sortKeys[sort.column] ?? null;
    // Nulls stay last in both directions.
    return a === null || b === null ? compareKeys(a, b) : sign * compareKeys(a, b);
  });
}

function table(t: CompareTable): HTMLElement {
  if (t.rows.length === 0) return el('p', { className: 'empty', text: t.empty });
  const head = el('tr');
  const sort = sorting.get(t.title);
  t.headers.forEach((header, column) => {
    const marker = sort?.column === column ? (sort.descending ? ' ▼' : ' ▲') : '';
    const th = el('th', { className: column < t.firstNumericColumn ? 'sortable' : 'sortable num', text: `${header}${marker}`, title: `Sort by ${header}` });
    th.tabIndex = 0;
    const toggle = (): void => {
      const previous = sorting.get(t.title);
      sorting.set(t.title, { column, descending: previous?.column === column ? !previous.descending : column !== 0 });
      render(undefined);
    };
    th.addEventListener('click', toggle);
    th.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') toggle();
    });
    head.appendChild(th);
  });
  const body = el('tbody');
  for (const row of sortedRows(t)) body.appendChild(tableRow(row, t.firstNumericColumn));
  return el('div', { className: 'table-scroll' }, el('table', { className: 'compare' }, el('thead', {}, head), body));
}

function tableRow(row: CompareRow, firstNumericColumn: number): HTMLElement {
  const tr = el('tr', { className: row.verdict === undefined ? '' : `verdict-${row.verdict.replace(' ', '-')}` });
  row.cells.forEach((text, column) => {
    const td = el('td', { className: column === 0 ? 'name' : column < firstNumericColumn ? 'text' : 'num' });
    const spanName = row.spanName;
    if (column === 0 && spanName !== undefined && row.hasSource) {
      const link = el('button', { className: 'link', text, title: 'Open the source of this span' });
      link.type = 'button';
      link.addEventListener('click', () => vscode.postMessage({ type: 'revealSpanName', spanName }));
      td.appendChild(link);
    } else td.textContent = text;
    tr.appendChild(td);
  });
  return tr;
}

vscode.postMessage({ type: 'ready' });
