/** Recognisers for span starts: OTel `tracer.startSpan`/`startActiveSpan`, statscope `startSpan`/`withSpan`. */
import ts from 'typescript';
import { calleeName } from './ast-utils';

/** How a span start hands out its span. */
export type SpanStartKind = 'manual' | 'active-callback' | 'with-span';

/** What kind of span start a call is, if any. */
export function spanStartKind(node: ts.CallExpression): SpanStartKind | undefined {
  if (node.arguments.length === 0) return undefined;
  const name = calleeName(node.expression);
  if (name === 'startSpan') return 'manual';
  if (name === 'startActiveSpan') return 'active-callback';
  if (name === 'withSpan') return 'with-span';
  return undefined;
}

/** The callback of `startActiveSpan(name, [options, [context,]] fn)` or `withSpan(name, fn)`. */
export function spanCallback(node: ts.CallExpression): ts.ArrowFunction | ts.FunctionExpression | undefined {
  const kind = spanStartKind(node);
  const candidate = kind === 'with-span' ? node.arguments[1] : kind === 'active-callback' ? node.arguments[node.arguments.length - 1] : undefined;
  return candidate && (ts.isArrowFunction(candidate) || ts.isFunctionExpression(candidate)) ? candidate : undefined;
}
