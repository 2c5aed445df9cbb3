/**
 * `startMetricsServer`: one small HTTP server per process serving `GET /metrics` (content negotiation:
 * Prometheus text 0.0.4 or OpenMetrics 1.0, `?format=` overrides) and `GET /healthz`; 404 elsewhere.
 * Loopback by default. It never throws into the program: the returned promise always resolves; when the
 * server cannot listen (port in use, no permission, bad port) the result has `listening: false` and a clear
 * `error`, and the problem also goes to diag. The server is unref'd unless `keepAlive` is set.
 *
 * Hostile or merely slow clients cost the program little:
 * - the exposition is serialized in slices that yield to the event loop, once per format for all the
 *   scrapes that arrive meanwhile (shared-exposition.ts), and never past `maxExpositionBytes` (500);
 * - each response streams those shared chunks at its client's pace (`write()` → `drain`), so a client that
 *   never reads holds no copy; a socket idle for `idleTimeoutMs` is closed;
 * - past `maxConcurrentScrapes` responses in progress, a scrape gets 503 with Retry-After;
 * - the Host header must name the server (an IP address, `localhost`, the bound host, or `allowedHosts`),
 *   so a web page cannot read /metrics through DNS rebinding (403 otherwise); not checked when bound to
 *   every interface (see host-check.ts).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { currentConfig } from '../config/current';
import { describeError, diag } from '../internal/diag';
import { optionsOf } from '../internal/is';
import { getRegistry } from '../metrics/define-stats';
import type { MetricsRegistry } from '../metrics/registry-types';
import { contentTypeOf, formatFromQuery, negotiateFormat } from './negotiate';
import { SharedExposition } from './shared-exposition';
import type { Exposition } from './shared-exposition';
import { isAllowedHost } from './host-check';

/** The port used when neither the options nor `STATSCOPE_METRICS_PORT` give one (the OTel Prometheus default). */
export const DEFAULT_METRICS_PORT = 9464;
/** The interface bound by default: loopback only. */
export const DEFAULT_METRICS_HOST = '127.0.0.1';

/** Options of {@link startMetricsServer}. */
export interface MetricsServerOptions {
  /** Port; 0 picks a free one. Default: `STATSCOPE_METRICS_PORT`, else 9464. */
  readonly port?: number;
  /** Interface to bind. Default: `STATSCOPE_METRICS_HOST`, else 127.0.0.1 (use `0.0.0.0` to expose it). */
  readonly host?: string;
  /** Registry to serve. Default: the global registry. */
  readonly registry?: MetricsRegistry;
  /** Keep the process alive while the server runs (default false: the server is unref'd). */
  readonly keepAlive?: boolean;
  /**
   * Host names accepted in the Host header besides IP addresses, `localhost` and the bound host (DNS
   * rebinding protection); `['*']` accepts any. Default none. A server bound to `0.0.0.0` or `::` accepts any.
   */
  readonly allowedHosts?: readonly string[];
  /** Scrapes answered at once; more get 503 with Retry-After. Default 8. */
  readonly maxConcurrentScrapes?: number;
  /** A connection with no traffic for this long is closed (a client that stopped reading). Default 10,000 ms. */
  readonly idleTimeoutMs?: number;
  /** The largest exposition served; a larger one fails the scrape with 500 and a diag error. Default 64 MiB. */
  readonly maxExpositionBytes?: number;
}

/** Defaults of the {@link MetricsServerOptions} limits. */
export const METRICS_SERVER_DEFAULTS = {
  maxConcurrentScrapes: 8,
  idleTimeoutMs: 10_000,
  maxExpositionBytes: 64 * 1024 * 1024,
  /** Bytes serialized between two yields to the event loop. */
  sliceBytes: 256 * 1024,
} as const;

/** The settings one server runs with, checked. */
interface ServerSettings {
  readonly registry: MetricsRegistry;
  readonly exposition: SharedExposition;
  readonly host: string;
  readonly allowedHosts: readonly string[];
  readonly maxConcurrentScrapes: number;
  readonly idleTimeoutMs: number;
}

/** A running (or failed) metrics server. */
export interface MetricsServer {
  /** Base URL, e.g. `http://127.0.0.1:9464`. */
  readonly url: string;
  /** The scrape URL, `url + '/metrics'`. */
  readonly metricsUrl: string;
  readonly host: string;
  /** The bound port (the requested one when listening failed). */
  readonly port: number;
  /** False when the server could not listen; `error` says why. */
  readonly listening: boolean;
  readonly error: Error | undefined;
  /** Stops the server and its open connections. Never rejects. */
  close(): Promise<void>;
}

function configured(): { port: number | undefined; host: string | undefined } {
  try {
    const c = currentConfig();
    return { port: c.metricsPort, host: c.metricsHost };
  } catch {
    return { port: undefined, host: undefined };
  }
}

function baseUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function respond(res: ServerResponse, status: number, contentType: string, body: string, isHead: boolean): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(isHead ? undefined : body);
}

function handle(settings: ServerSettings, active: { scrapes: number }, req: IncomingMessage, res: ServerResponse): void {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const isHead = req.method === 'HEAD';
    if (!isAllowedHost(req.headers.host, settings.host, settings.allowedHosts)) {
      diagHostOnce(req.headers.host);
      return respond(res, 403, 'text/plain; charset=utf-8', 'host not allowed: see the allowedHosts option of startMetricsServer\n', isHead);
    }
    const known = url.pathname === '/metrics' || url.pathname === '/healthz';
    if (!known) return respond(res, 404, 'text/plain; charset=utf-8', 'not found: try /metrics or /healthz\n', isHead);
    if (req.method !== 'GET' && !isHead) {
      res.setHeader('Allow', 'GET, HEAD');
      return respond(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', isHead);
    }
    if (url.pathname === '/healthz') return respond(res, 200, 'text/plain; charset=utf-8', 'ok\n', isHead);
    const format = formatFromQuery(url.searchParams.get('format')) ?? negotiateFormat(req.headers.accept);
    if (isHead) {
      res.writeHead(200, { 'Content-Type': contentTypeOf(format), 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    if (active.scrapes >= settings.maxConcurrentScrapes) {
      res.setHeader('Retry-After', '1');
      return respond(res, 503, 'text/plain; charset=utf-8', `too many scrapes at once (${settings.maxConcurrentScrapes}); retry shortly\n`, false);
    }
    active.scrapes++;
    res.once('close', () => active.scrapes--);
    settings.exposition.get(format).then(
      (exposition) => send(res, contentTypeOf(format), exposition),
      () => undefined, // get() never rejects
    );
  } catch (error) {
    diag('error', `metrics server: request failed: ${describeError(error)}`);
    try {
      if (!res.headersSent) respond(res, 500, 'text/plain; charset=utf-8', 'internal error\n', false);
      else res.destroy();
    } catch {
      // The socket is gone; nothing left to answer.
    }
  }
}

/** Sends a finished exposition, writing the next chunk only once the client has taken the previous ones. */
function send(res: ServerResponse, contentType: string, exposition: Exposition): void {
  try {
    if (res.destroyed) return;
    if (exposition.error !== undefined) {
      diag('error', `metrics server: ${exposition.error}; the scrape failed with 500`);
      return respond(res, 500, 'text/plain; charset=utf-8', `${exposition.error}\n`, false);
    }
    res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': exposition.bytes, 'Cache-Control': 'no-store' });
    writeFrom(res, exposition.chunks, 0);
  } catch (error) {
    diag('error', `metrics server: sending the exposition failed: ${describeError(error)}`);
    res.destroy();
  }
}

function writeFrom(res: ServerResponse, chunks: readonly Buffer[], from: number): void {
  let i = from;
  while (i < chunks.length) {
    if (res.destroyed) return;
    if (!res.write(chunks[i++] as Buffer)) {
      res.once('drain', () => {
        try {
          writeFrom(res, chunks, i);
        } catch (error) {
          diag('error', `metrics server: sending the exposition failed: ${describeError(error)}`);
          res.destroy();
        }
      });
      return;
    }
  }
  res.end();
}

let hasReportedHost = false;

function diagHostOnce(host: string | undefined): void {
  if (hasReportedHost) return;
  hasReportedHost = true;
  diag('warn', `metrics server: refused a request for host ${JSON.stringify(host)} (DNS rebinding protection); add it to allowedHosts if it is yours. Further refusals are not logged`);
}

function failed(host: string, port: number, error: Error): MetricsServer {
  diag('error', error.message);
  const url = baseUrl(host, port);
  return { url, metricsUrl: `${url}/metrics`, host, port, listening: false, error, close: () => Promise.resolve() };
}

function listenError(host: string, port: number, error: unknown): Error {
  const code = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : '';
  const where = baseUrl(host, port);
  const why =
    code === 'EADDRINUSE' ? `port ${port} is already in use (EADDRINUSE); choose another port, or 0 for a free one`
    : code === 'EACCES' ? `permission denied (EACCES); ports below 1024 need privileges`
    : code === 'EADDRNOTAVAIL' ? `address ${host} is not available on this machine (EADDRNOTAVAIL)`
    : error instanceof Error ? error.message : String(error);
  const result = new Error(`statscope: cannot serve metrics on ${where}: ${why}`);
  (result as NodeJS.ErrnoException).code = code || 'ERR_METRICS_SERVER';
  return result;
}

/** Starts the metrics endpoint. Always resolves; check `listening`/`error` when the port may be taken. */
export function startMetricsServer(optionsArg?: MetricsServerOptions): Promise<MetricsServer> {
  const options = optionsOf(optionsArg);
  const fromConfig = configured();
  const port = options.port ?? fromConfig.port ?? DEFAULT_METRICS_PORT;
  const host = options.host ?? fromConfig.host ?? DEFAULT_METRICS_HOST;
  const registry = options.registry ?? getRegistry();
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65_535) {
    return Promise.resolve(failed(String(host), Number(port) || 0, new Error(`statscope: cannot serve metrics: port ${String(port)} is not an integer in 0..65535`)));
  }
  const settings = settingsOf(options, registry, String(host));
  const active = { scrapes: 0 };
  return new Promise<MetricsServer>((resolve) => {
    let server: Server;
    try {
      server = createServer((req, res) => handle(settings, active, req, res));
      server.setTimeout(settings.idleTimeoutMs);
      server.headersTimeout = settings.idleTimeoutMs;
      server.requestTimeout = settings.idleTimeoutMs;
    } catch (error) {
      resolve(failed(host, port, listenError(host, port, error)));
      return;
    }
    const onStartError = (error: unknown): void => resolve(failed(host, port, listenError(host, port, error)));
    server.once('error', onStartError);
    try {
      server.listen(port, host, () => {
        server.off('error', onStartError);
        server.on('error', (error: unknown) => diag('error', `metrics server: ${describeError(error)}`));
        if (options.keepAlive !== true) server.unref();
        resolve(running(server, host));
      });
    } catch (error) {
      onStartError(error);
    }
  });
}

function settingsOf(options: Partial<MetricsServerOptions>, registry: MetricsRegistry, host: string): ServerSettings {
  const d = METRICS_SERVER_DEFAULTS;
  const positive = (value: unknown, fallback: number, what: string): number => {
    if (value === undefined) return fallback;
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
    diag('warn', `metrics server: ${what} must be a positive integer; using ${fallback}`);
    return fallback;
  };
  const hosts: unknown = options.allowedHosts;
  const allowedHosts = Array.isArray(hosts) ? hosts.filter((h): h is string => typeof h === 'string').map((h) => h.toLowerCase()) : [];
  const maxBytes = positive(options.maxExpositionBytes, d.maxExpositionBytes, 'maxExpositionBytes');
  return {
    registry,
    exposition: new SharedExposition(registry, { maxBytes, sliceBytes: d.sliceBytes }),
    host,
    allowedHosts,
    maxConcurrentScrapes: positive(options.maxConcurrentScrapes, d.maxConcurrentScrapes, 'maxConcurrentScrapes'),
    idleTimeoutMs: positive(options.idleTimeoutMs, d.idleTimeoutMs, 'idleTimeoutMs'),
  };
}

function running(server: Server, host: string): MetricsServer {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const url = baseUrl(host, port);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      try {
        server.close(() => resolve());
        server.closeAllConnections();
      } catch (error) {
        diag('warn', `metrics server: close failed: ${describeError(error)}`);
        resolve();
      }
    });
    return closing;
  };
  return { url, metricsUrl: `${url}/metrics`, host, port, listening: true, error: undefined, close };
}
