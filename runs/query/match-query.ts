/** Matches stored spans against a parsed query (pure). Spans are accessor objects: fields are read by name. */
import { formatAttributeValue, getAttribute } from '../store/attributes';
import type { AttributeValue, SpanRecord } from '../store/model';
import type { QueryOperator, QueryTerm, SpanQuery } from './span-query';

/** A predicate for `query`: true when the span meets every term. */
export function compileSpanQuery(query: SpanQuery): (span: SpanRecord) => boolean {
  const tests = query.terms.map(termTest);
  return (span) => {
    for (const test of tests) if (!test(span)) return false;
    return true;
  };
}

function termTest(term: QueryTerm): (span: SpanRecord) => boolean {
  switch (term.kind) {
    case 'text':
      return (span) => matchesText(span, term.text);
    case 'name':
      return (span) => compare(span.name, term.op, term.value);
    case 'status':
      return (span) => term.codes.includes(span.status.code) !== term.isNegated;
    case 'attribute':
      return (span) => {
        const value = getAttribute(span.attributes, term.key) ?? getAttribute(span.resource.attributes, term.key);
        // An absent attribute equals nothing, so only `!=` matches it.
        return value === undefined ? term.op === '!=' : compare(attributeText(value), term.op, term.value);
      };
    case 'duration':
      return (span) => inRange(span.durationMs, term);
  }
}

function compare(actual: string, op: QueryOperator, expected: string): boolean {
  if (op === '=') return actual === expected;
  if (op === '!=') return actual !== expected;
  return actual.toLowerCase().includes(expected.toLowerCase());
}

function attributeText(value: AttributeValue): string {
  return formatAttributeValue(value, Number.MAX_SAFE_INTEGER);
}

function inRange(ms: number, range: Extract<QueryTerm, { kind: 'duration' }>): boolean {
  if (range.minMs !== undefined && (range.isMinExclusive ? ms <= range.minMs : ms < range.minMs)) return false;
  if (range.maxMs !== undefined && (range.isMaxExclusive ? ms >= range.maxMs : ms > range.maxMs)) return false;
  return true;
}

/** A bare word: case-insensitive part of the name, service, source file or a string attribute value, or an id. */
export function matchesText(span: SpanRecord, text: string): boolean {
  if (span.name.toLowerCase().includes(text)) return true;
  if (span.resource.serviceName.toLowerCase().includes(text)) return true;
  if (span.spanId === text || span.traceId === text) return true;
  if (span.code !== undefined && span.code.filePath.toLowerCase().includes(text)) return true;
  for (const attribute of span.attributes) {
    if (typeof attribute.value === 'string' && attribute.value.toLowerCase().includes(text)) return true;
  }
  return false;
}
