/** Reads a statscope declaration's `slo: { … }` and `alert: { … }` object literals into facts. */
import ts from 'typescript';
import { constantString, numericValue, propertyKey, rangeOf, unwrap } from './ast-utils';
import type { ConstantScope } from './ast-utils';
import type { AlertFact, SloFact, SloQuantile } from './facts';
import { optional } from './optional';

const QUANTILES: ReadonlySet<string> = new Set<SloQuantile>(['p50', 'p90', 'p95', 'p99']);

/** `slo: { p95: 0.2, for: '10m', severity: 'page' }`; undefined when the value is not an object literal. */
export function sloFact(sourceFile: ts.SourceFile, node: ts.Expression | undefined, constants: ConstantScope): SloFact | undefined {
  const entries = entriesOf(node);
  if (!entries || !node) return undefined;
  const quantiles: { quantile: SloQuantile; value: number }[] = [];
  for (const [key, value] of entries) {
    const n = QUANTILES.has(key) ? numericValue(value) : undefined;
    if (n !== undefined) quantiles.push({ quantile: key as SloQuantile, value: n }); // QUANTILES holds SloQuantile only
  }
  return { quantiles, ...common(entries, constants), range: rangeOf(sourceFile, unwrap(node)) };
}

/** `alert: { above: 100, below: 1, for: '5m', severity: 'page' }`; undefined when not an object literal. */
export function alertFact(sourceFile: ts.SourceFile, node: ts.Expression | undefined, constants: ConstantScope): AlertFact | undefined {
  const entries = entriesOf(node);
  if (!entries || !node) return undefined;
  const number = (key: string): number | undefined => {
    const value = entries.get(key);
    return value === undefined ? undefined : numericValue(value);
  };
  return { ...optional('above', number('above')), ...optional('below', number('below')), ...common(entries, constants), range: rangeOf(sourceFile, unwrap(node)) };
}

function common(entries: ReadonlyMap<string, ts.Expression>, constants: ConstantScope): { for?: string; severity?: string } {
  const text = (key: string): string | undefined => {
    const value = entries.get(key);
    return value === undefined ? undefined : constantString(value, constants);
  };
  return { ...optional('for', text('for')), ...optional('severity', text('severity')) };
}

/** The literal-keyed property assignments of an object literal. */
function entriesOf(node: ts.Expression | undefined): Map<string, ts.Expression> | undefined {
  const e = node === undefined ? undefined : unwrap(node);
  if (!e || !ts.isObjectLiteralExpression(e)) return undefined;
  const entries = new Map<string, ts.Expression>();
  for (const property of e.properties) {
    const key = ts.isPropertyAssignment(property) ? propertyKey(property.name) : undefined;
    if (key !== undefined && ts.isPropertyAssignment(property)) entries.set(key, property.initializer);
  }
  return entries;
}
