/** The span query language shared by the Spans view filter and `statscope view --filter`. */
export { parseDurationMs } from './duration';
export { compileSpanQuery } from './match-query';
export { describeQueryError, parseSpanQuery, spanNameQuery } from './parse-query';
export type { QueryError, QueryOperator, QueryParseResult, QueryTerm, SpanQuery } from './span-query';
