/**
 * DOM helpers for the panels. Data is only ever set with `textContent` (and attributes that are
 * never URLs or handlers): no `innerHTML`, so a span named `<img src=x onerror=alert(1)>` stays text.
 */
import type { DomReport } from '../../protocol/webview';

/** CSP violations of this page (e.g. a library injecting inline styles); tests read them from the DOM report. */
const cspViolations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  if (cspViolations.length < 100) cspViolations.push(`${event.effectiveDirective} ${event.blockedURI}`);
});

/** Creates an element with an optional class and text, and appends children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: { className?: string; text?: string; title?: string } = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className !== undefined) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.title !== undefined) node.title = options.title;
  for (const child of children) node.appendChild(child);
  return node;
}

/** Removes all children. */
export function clear(node: Node): void {
  while (node.firstChild !== null) node.removeChild(node.firstChild);
}

/** A two-column table of key/value rows, or a "none" note. */
export function keyValueTable(rows: readonly { readonly key: string; readonly value: string }[], empty = 'none'): HTMLElement {
  if (rows.length === 0) return el('p', { className: 'empty', text: empty });
  const body = el('tbody');
  for (const row of rows) body.appendChild(el('tr', {}, el('th', { text: row.key }), el('td', { text: row.value })));
  return el('table', { className: 'kv' }, body);
}

/** What the page's DOM holds, for tests that check rendering in the real browser. */
export function domReport(): DomReport {
  let inlineHandlerCount = 0;
  for (const element of Array.from(document.querySelectorAll('*'))) {
    if (Array.from(element.attributes).some((a) => a.name.toLowerCase().startsWith('on'))) inlineHandlerCount++;
  }
  const scripts = Array.from(document.scripts);
  return {
    textContent: document.body.textContent ?? '',
    imgCount: document.getElementsByTagName('img').length,
    canvasCount: document.getElementsByTagName('canvas').length,
    inlineHandlerCount,
    scriptCount: scripts.length,
    scriptsWithoutNonce: scripts.filter((s) => !s.hasAttribute('nonce') && s.nonce === '').map((s) => (s.id !== '' ? `#${s.id}` : s.src !== '' ? s.src : 'inline')),
    contentSecurityPolicy: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? undefined,
    cspViolations: cspViolations.slice(),
  };
}
