/** The receiver only ever listens on loopback: anything else is refused before binding. */
import { isIP } from 'node:net';

/** Thrown when asked to bind a non-loopback address. */
export class NonLoopbackBindError extends Error {
  override readonly name = 'NonLoopbackBindError';
  constructor(readonly host: string) {
    super(`refusing to bind the OTLP receiver to '${host}': only loopback addresses (127.0.0.1, ::1) are allowed`);
  }
}

/** Whether an IP address literal is a loopback address (127.0.0.0/8, ::1, ::ffff:127.x.x.x). */
export function isLoopbackAddress(address: string): boolean {
  const kind = isIP(address);
  if (kind === 4) return address.startsWith('127.');
  if (kind === 6) {
    const lower = address.toLowerCase();
    return lower === '::1' || lower === '0:0:0:0:0:0:0:1' || (lower.startsWith('::ffff:') && isLoopbackAddress(lower.slice(7)));
  }
  return false;
}

/**
 * The address to bind for `host`: a loopback literal as is, `localhost` as 127.0.0.1 (never
 * resolved through DNS or /etc/hosts). Throws {@link NonLoopbackBindError} for anything else.
 */
export function loopbackBindAddress(host: string): string {
  if (host === 'localhost') return '127.0.0.1';
  if (!isLoopbackAddress(host)) throw new NonLoopbackBindError(host);
  return host;
}
