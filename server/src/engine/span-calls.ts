/**
 * Recognisers for span starts: OpenTelemetry `tracer.startSpan`/`startActiveSpan` on a value that provably
 * is a tracer, and statscope's `startSpan`/`withSpan` imported from `statscope`. A project's own helper of the
 * same name is not a span start (it may end the span itself).
 */
import ts from 'typescript';
import { unwrap } from './ast-utils';
import { provenanceOf } from './provenance';

/** How a span start hands out its span. */
export type SpanStartKind = 'manual' | 'active-callback' | 'with-span';

/** What kind of span start a call is, if any. */
export function spanStartKind(node: ts.CallExpression): SpanStartKind | undefined {
  if (node.arguments.length === 0) return undefined;
  const callee = unwrap(node.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (name !== 'startSpan' && name !== 'startActiveSpan' && name !== 'withSpan') return undefined;
  const provenance = provenanceOf(node.getSourceFile());
  if (!provenance.isTelemetryFile) return undefined;
  if (ts.isPropertyAccessExpression(callee) && name !== 'withSpan' && provenance.kindOf(callee.expression) === 'tracer') {
    return name === 'startSpan' ? 'manual' : 'active-callback';
  }
  if (name === 'startSpan' && provenance.isStatscopeFunction(callee, 'startSpan')) return 'manual';
  if (name === 'withSpan' && provenance.isStatscopeFunction(callee, 'withSpan')) return 'with-span';
  return undefined;
}

/** The callback of `startActiveSpan(name, [options, [context,]] fn)` or `withSpan(name, fn)`. */
export function spanCallback(node: ts.CallExpression): ts.ArrowFunction | ts.FunctionExpression | undefined {
  const kind = spanStartKind(node);
  const candidate = kind === 'with-span' ? node.arguments[1] : kind === 'active-callback' ? node.arguments[node.arguments.length - 1] : undefined;
  return candidate && (ts.isArrowFunction(candidate) || ts.isFunctionExpression(candidate)) ? candidate : undefined;
}
