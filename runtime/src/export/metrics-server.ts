/**
 * `startMetricsServer`: one small HTTP server per process serving `GET /metrics` (content negotiation:
 * Prometheus text 0.0.4 or OpenMetrics 1.0, `?format=` overrides; written in chunks) and `GET /healthz`;
 * 404 elsewhere.
 * Loopback by default. It never throws into the program: the returned promise always resolves; when the
 * server cannot listen (port in use, no permission, bad port) the result has `listening: false` and a clear
 * `error`, and the problem also goes to diag. The server is unref'd unless `keepAlive` is set.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { currentConfig } from '../config/current';
import { describeError, diag } from '../internal/diag';
import { optionsOf } from '../internal/is';
import { getRegistry } from '../metrics/define-stats';
import type { MetricsRegistry } from '../metrics/registry-types';
import { contentTypeOf, formatFromQuery, negotiateFormat } from './negotiate';

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

function handle(registry: MetricsRegistry, req: IncomingMessage, res: ServerResponse): void {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const isHead = req.method === 'HEAD';
    const known = url.pathname === '/metrics' || url.pathname === '/healthz';
    if (!known) return respond(res, 404, 'text/plain; charset=utf-8', 'not found: try /metrics or /healthz\n', isHead);
    if (req.method !== 'GET' && !isHead) {
      res.setHeader('Allow', 'GET, HEAD');
      return respond(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', isHead);
    }
    if (url.pathname === '/healthz') return respond(res, 200, 'text/plain; charset=utf-8', 'ok\n', isHead);
    const format = formatFromQuery(url.searchParams.get('format')) ?? negotiateFormat(req.headers.accept);
    res.writeHead(200, { 'Content-Type': contentTypeOf(format), 'Cache-Control': 'no-store' });
    if (isHead) {
      res.end();
      return;
    }
    // Written in ~64 KiB chunks (chunked transfer encoding), so no single string holds the whole
    // exposition. The exposition is generated synchronously and res.write()'s backpressure is not
    // awaited: a client that reads slowly leaves the rest of the exposition queued in the response's
    // buffer, so memory per scrape is bounded by the exposition's size, not by one chunk.
    const ok = registry.writeExposition(format, (chunk) => res.write(chunk));
    if (ok) res.end();
    else res.destroy();
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
  return new Promise<MetricsServer>((resolve) => {
    let server: Server;
    try {
      server = createServer((req, res) => handle(registry, req, res));
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
