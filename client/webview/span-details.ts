/**
 * The Span details panel (browser side): the span's name, status and badges, headline rows,
 * attributes, resource, scope, events, logs and links — all set as text.
 */
import type { DetailEvent, SpanDetailsPanelMessage, SpanDetailsPanelState, SpanDetailsView, SpanDetailsWebviewMessage } from '../../protocol/webview';
import { clear, domReport, el, keyValueTable } from './dom';
import { vscodeApi } from './vscode-api';

const vscode = vscodeApi<SpanDetailsPanelState, SpanDetailsWebviewMessage>();
const root = document.getElementById('app') as HTMLElement;

window.addEventListener('message', (event: MessageEvent<SpanDetailsPanelMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'span':
      render(message.span, message.message);
      if (message.span !== undefined) vscode.setState({ runId: message.span.runId, traceId: message.span.traceId, spanId: message.span.spanId });
      break;
    case 'reportDom':
      vscode.postMessage({ type: 'domReport', requestId: message.requestId, report: domReport() });
      break;
  }
});

function render(span: SpanDetailsView | undefined, message: string | undefined): void {
  clear(root);
  if (span === undefined) {
    root.appendChild(el('p', { className: 'empty', text: message ?? 'No span selected.' }));
    return;
  }
  const badges = el('div', { className: 'badges' }, el('span', { className: `badge status ${span.isError ? 'error' : ''}`, text: span.status }));
  if (span.isOnCriticalPath) badges.appendChild(el('span', { className: 'badge critical', text: 'critical path' }));
  if (span.isUnended) badges.appendChild(el('span', { className: 'badge warning', text: 'not ended' }));
  const actions = el('div', { className: 'actions' });
  if (span.source !== undefined) actions.appendChild(button(`Go to ${span.source}`, () => vscode.postMessage({ type: 'openSource' })));
  actions.appendChild(button('Copy trace id', () => vscode.postMessage({ type: 'copyTraceId' })));
  root.append(el('header', {}, el('h1', { className: 'span-name', text: span.name }), badges), actions, keyValueTable(span.summary));
  for (const section of span.sections) root.append(el('h2', { text: section.title }), keyValueTable(section.rows));
  root.append(el('h2', { text: `Events (${span.events.length})` }), eventList(span.events, 'no events'));
  root.append(el('h2', { text: `Logs (${span.logs.length})` }), eventList(span.logs, 'no log records with this span'));
  root.append(el('h2', { text: `Links (${span.links.length})` }), keyValueTable(span.links, 'no links'));
}

function eventList(events: readonly DetailEvent[], empty: string): HTMLElement {
  if (events.length === 0) return el('p', { className: 'empty', text: empty });
  const list = el('ol', { className: 'events' });
  for (const event of events) {
    const item = el('li', {}, el('span', { className: 'at', text: event.at }), el('span', { className: 'event-name', text: event.name }));
    if (event.rows.length > 0) item.appendChild(keyValueTable(event.rows));
    list.appendChild(item);
  }
  return list;
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { text });
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

vscode.postMessage({ type: 'ready' });
