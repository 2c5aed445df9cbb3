/** Per-run bearer tokens: crypto-random, compared in constant time. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh 256-bit token as 64 hex characters (safe inside `OTEL_EXPORTER_OTLP_HEADERS` without escaping). */
export function createToken(): string {
  return randomBytes(32).toString('hex');
}

const BEARER = /^bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * Whether an `Authorization` header value is `Bearer <token>`. The comparison hashes both sides
 * first, so it takes the same time whatever the candidate's length or content.
 */
export function isAuthorized(header: string | readonly string[] | undefined, token: string): boolean {
  if (typeof header !== 'string') return false;
  const match = BEARER.exec(header);
  const candidate = match?.[1] ?? '';
  const equal = timingSafeEqual(digest(candidate), digest(token));
  return match !== null && token.length > 0 && equal;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
