/**
 * DNS rebinding protection for the /metrics server: a web page that makes its own host name resolve to
 * 127.0.0.1 can send requests to the server, but its Host header then carries that name. A Host that is
 * an IP address, `localhost`, the bound host name, or an allowed name is accepted; a request without
 * Host (HTTP/1.0, not a browser) too. A server bound to every interface (`0.0.0.0`, `::`) was exposed to
 * the network on purpose, where any peer can read it directly and scrapers use names of their own: it
 * accepts any Host.
 */
import { isIP } from 'node:net';

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** The host name of a Host header value: without the port, IPv6 brackets removed, lower case. */
export function hostNameOf(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end < 0 ? h : h.slice(1, end);
  }
  const colon = h.lastIndexOf(':');
  return colon >= 0 && h.indexOf(':') === colon ? h.slice(0, colon) : h;
}

/** True when a request with this Host header may be answered by a server bound to `boundHost`. */
export function isAllowedHost(header: string | undefined, boundHost: string, allowed: readonly string[]): boolean {
  if (header === undefined || allowed.includes('*') || WILDCARDS.has(boundHost)) return true;
  const name = hostNameOf(header);
  if (name.endsWith('.')) return isAllowedHost(name.slice(0, -1), boundHost, allowed);
  return isIP(name) !== 0 || name === 'localhost' || name === boundHost.toLowerCase() || allowed.includes(name);
}
