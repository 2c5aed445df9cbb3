/**
 * Refused requests in words, for the `statscope run` summary and the extension's status bar: refused
 * data must never be silent. A program that speaks OTLP/gRPC (the default exporter of several SDKs)
 * is named as such, with the setting that switches it to OTLP/HTTP. Pure: no I/O.
 */
import type { RejectionCounts } from './receiver';

/** What to do when a program sends OTLP/gRPC to the OTLP/HTTP receiver. */
export const GRPC_HINT = 'set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf';

/** Each reason in words, in the order ties are listed. */
const REASON_TEXT: ReadonlyArray<readonly [keyof RejectionCounts, string]> = [
  ['grpc', `gRPC (${GRPC_HINT})`],
  ['unsupportedMediaType', 'unsupported media type'],
  ['budget', 'over the run budget'],
  ['busy', 'busy (429, retried)'],
  ['tooLarge', 'too large'],
  ['malformed', 'malformed'],
  ['unauthorized', 'unauthorized'],
  ['notFound', 'unknown path'],
  ['methodNotAllowed', 'method not allowed'],
  ['internal', 'internal error'],
];

/** All refused requests. */
export function refusedRequestCount(rejected: RejectionCounts): number {
  let total = 0;
  for (const [reason] of REASON_TEXT) total += rejected[reason];
  return total;
}

/**
 * `3 requests refused: 2 unsupported media type, 1 gRPC (set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf)`
 * (most frequent first); undefined when nothing was refused.
 */
export function describeRefusals(rejected: RejectionCounts): string | undefined {
  const total = refusedRequestCount(rejected);
  if (total === 0) return undefined;
  const reasons = REASON_TEXT.filter(([reason]) => rejected[reason] > 0)
    .map(([reason, text], order) => ({ count: rejected[reason], text, order }))
    .sort((a, b) => b.count - a.count || a.order - b.order)
    .map((r) => `${r.count} ${r.text}`);
  return `${total} ${total === 1 ? 'request' : 'requests'} refused: ${reasons.join(', ')}`;
}
