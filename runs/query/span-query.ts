/** The parsed form of a span query (see parse-query.ts for the syntax); plain data, no span access. */
import type { StatusCode } from '../store/model';

/** How a `key<op>value` term compares: `=` exact, `!=` not exact, `~` case-insensitive substring. */
export type QueryOperator = '=' | '!=' | '~';

/** One condition of a query; a span matches a query when it meets every term. */
export type QueryTerm =
  /** A bare word: part of the span name, service, source file, an id or a string attribute value. */
  | { readonly kind: 'text'; readonly text: string }
  /** `name=…`, `name!=…`, `name~…`. */
  | { readonly kind: 'name'; readonly op: QueryOperator; readonly value: string }
  /** `status=error|ok|unset` (any of them), `status!=ok`. */
  | { readonly kind: 'status'; readonly isNegated: boolean; readonly codes: readonly StatusCode[] }
  /** `key=value` on the span's attributes, then its resource's (`service.name=model`). */
  | { readonly kind: 'attribute'; readonly key: string; readonly op: QueryOperator; readonly value: string }
  /** `>10ms`, `>=10ms`, `<1s`, `10ms..50ms` (inclusive), `10ms..` (open end). */
  | { readonly kind: 'duration'; readonly minMs: number | undefined; readonly maxMs: number | undefined; readonly isMinExclusive: boolean; readonly isMaxExclusive: boolean };

/** A parsed query: the AND of its terms (no terms: every span). */
export interface SpanQuery {
  readonly source: string;
  readonly terms: readonly QueryTerm[];
}

/** Why a query could not be parsed, and where (0-based offset into the text). */
export interface QueryError {
  readonly message: string;
  readonly offset: number;
}

export type QueryParseResult = { readonly ok: true; readonly query: SpanQuery } | { readonly ok: false; readonly error: QueryError };
