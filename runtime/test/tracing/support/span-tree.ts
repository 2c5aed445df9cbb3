/** Helpers to assert on received spans as trees. */
import type { ReceivedSpan } from './otlp-decode';

/** The span named `name`; throws a readable error when absent or ambiguous. */
export function spanNamed(spans: readonly ReceivedSpan[], name: string): ReceivedSpan {
  const found = spans.filter((s) => s.name === name);
  if (found.length !== 1) throw new Error(`expected one span named ${JSON.stringify(name)}, found ${found.length} among [${spans.map((s) => s.name).join(', ')}]`);
  return found[0] as ReceivedSpan;
}

/**
 * The spans as an indented outline, children sorted by name: `a\n  b\n  c\n    d`. Spans whose parent
 * was not received are roots.
 */
export function outline(spans: readonly ReceivedSpan[]): string {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string, ReceivedSpan[]>();
  for (const s of spans) {
    const parent = s.parentSpanId !== '' && ids.has(s.parentSpanId) ? s.parentSpanId : '';
    const list = children.get(parent) ?? [];
    list.push(s);
    children.set(parent, list);
  }
  const lines: string[] = [];
  const walk = (parent: string, depth: number): void => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    for (const s of list) {
      lines.push(`${'  '.repeat(depth)}${s.name}`);
      walk(s.spanId, depth + 1);
    }
  };
  walk('', 0);
  return lines.join('\n');
}
