/**
 * A Python statscope declaration's `slo={...}` and `alert={...}` into the same facts as TypeScript's
 * (engine/threshold-facts.ts), so the generators and the `alert-thresholds` rule read both languages alike.
 * Accepted forms: a dict literal with string keys, or a call with keyword arguments (`dict(above=1)`,
 * `HistogramSlo(p95=0.2)`); anything else is not a constant and gives no fact.
 */
import type { SyntaxNode } from '@lezer/common';
import type { AlertFact, SloFact, SloQuantile } from '../engine/facts';
import { optional } from '../engine/optional';
import type { PythonTree } from './parse-python';
import { rangeOf } from './parse-python';
import { argsOf, childrenOf, dottedName, numberValue, stringValue } from './syntax';

const QUANTILES: ReadonlySet<string> = new Set<SloQuantile>(['p50', 'p90', 'p95', 'p99']);

/** `slo={"p95": 0.2, "for": "10m", "severity": "page"}`; undefined when not a dict literal or keyword call. */
export function pythonSloFact(file: PythonTree, node: SyntaxNode | undefined, constants: ReadonlyMap<string, string>): SloFact | undefined {
  const entries = node === undefined ? undefined : entriesOf(file, node);
  if (!entries || !node) return undefined;
  const quantiles: { quantile: SloQuantile; value: number }[] = [];
  for (const [key, value] of entries) {
    const n = QUANTILES.has(key) ? numberValue(file, value) : undefined;
    if (n !== undefined) quantiles.push({ quantile: key as SloQuantile, value: n }); // QUANTILES holds SloQuantile only
  }
  return { quantiles, ...common(file, entries, constants), range: rangeOf(file, node) };
}

/** `alert={"above": 100, "below": 1, "for": "5m", "severity": "page"}`; undefined when not a dict or keyword call. */
export function pythonAlertFact(file: PythonTree, node: SyntaxNode | undefined, constants: ReadonlyMap<string, string>): AlertFact | undefined {
  const entries = node === undefined ? undefined : entriesOf(file, node);
  if (!entries || !node) return undefined;
  const number = (key: string): number | undefined => {
    const value = entries.get(key);
    return value === undefined ? undefined : numberValue(file, value);
  };
  return { ...optional('above', number('above')), ...optional('below', number('below')), ...common(file, entries, constants), range: rangeOf(file, node) };
}

function common(file: PythonTree, entries: ReadonlyMap<string, SyntaxNode>, constants: ReadonlyMap<string, string>): { for?: string; severity?: string } {
  const text = (key: string): string | undefined => {
    const value = entries.get(key);
    if (value === undefined) return undefined;
    return stringValue(file, value)?.value ?? constants.get(dottedName(file, value) ?? '');
  };
  return { ...optional('for', text('for')), ...optional('severity', text('severity')) };
}

/** The constant-keyed entries of a dict literal, or the keyword arguments of a call. */
function entriesOf(file: PythonTree, node: SyntaxNode): Map<string, SyntaxNode> | undefined {
  const entries = new Map<string, SyntaxNode>();
  if (node.name === 'DictionaryExpression') {
    const kids = childrenOf(node).filter((c) => c.name !== '{' && c.name !== '}' && c.name !== ',');
    // Flat children: key ':' value, repeated; `**spread` entries are skipped with their operand.
    for (let i = 0; i < kids.length; i++) {
      const key = kids[i];
      if (!key) break;
      if (key.name === '**') {
        i++;
        continue;
      }
      const value = kids[i + 2];
      if (kids[i + 1]?.name !== ':' || !value) return entries;
      const name = stringValue(file, key)?.value;
      if (name !== undefined) entries.set(name, value);
      i += 2;
    }
    return entries;
  }
  if (node.name === 'CallExpression' && node.lastChild?.name === 'ArgList') {
    for (const arg of argsOf(file, node.lastChild)) if (arg.name !== undefined && !arg.isSpread) entries.set(arg.name, arg.value);
    return entries;
  }
  return undefined;
}
