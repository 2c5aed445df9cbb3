/**
 * A real OTLP/HTTP receiver on 127.0.0.1 for tests: accepts /v1/traces and /v1/metrics in protobuf
 * and JSON (gzip too), decodes spans, and records every request's headers.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { decodeJsonTraces, decodeProtobufTraces } from './otlp-decode';
import type { ReceivedSpan } from './otlp-decode';

/** One request the receiver got. */
export interface ReceivedRequest {
  readonly path: string;
  readonly contentType: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A running receiver. */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly requests: ReceivedRequest[] = [];
  private server: Server | undefined;
  private waiters: (() => void)[] = [];

  /** The base endpoint, e.g. `http://127.0.0.1:43123` (for OTEL_EXPORTER_OTLP_ENDPOINT). */
  endpoint = '';

  /** Starts listening on a free loopback port. */
  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          let body = Buffer.concat(chunks);
          if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
          const contentType = String(req.headers['content-type'] ?? '');
          const path = req.url ?? '';
          this.requests.push({ path, contentType, headers: req.headers, body });
          if (path === '/v1/traces') this.spans.push(...(contentType.includes('json') ? decodeJsonTraces(body.toString('utf8')) : decodeProtobufTraces(body)));
          res.writeHead(200, { 'content-type': contentType.includes('json') ? 'application/json' : 'application/x-protobuf' });
          res.end(contentType.includes('json') ? '{}' : undefined);
        } catch (error) {
          res.writeHead(400);
          res.end(String(error));
        }
        this.notify();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  /** Resolves when `predicate` holds, or rejects after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = until - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what} (${this.spans.length} spans, ${this.requests.length} requests received)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Requests to one path. */
  requestsTo(path: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** Forgets everything received. */
  clear(): void {
    this.spans.length = 0;
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
