/**
 * The OTLP/HTTP receiver: `POST /v1/traces`, `/v1/metrics`, `/v1/logs` on a loopback address and a
 * random port, guarded by a per-run bearer token. Accepts protobuf and JSON, gzip or identity;
 * limits the body before and after decompression; answers malformed payloads with 400 and a reason;
 * never lets an exception escape a request. Decoded records go to a {@link TelemetrySink} (a run)
 * and to `onDidReceive` listeners; accepted payloads are optionally forwarded.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Disposable } from '../store/change-throttle';
import { SpanRowBatch, takesSpanRows } from '../decode/decoded-batch';
import { decodeRequest } from '../decode/decode-request';
import type { DecodedRequest } from '../decode/decode-request';
import type { OtlpForwarder } from './forwarder';
import { isLoopbackAddress, loopbackBindAddress, NonLoopbackBindError } from './loopback';
import type { Signal, TelemetrySink } from '../store/model';
import { CONTENT_TYPES, encodeExportResponse, encodeStatus, RPC_CODE } from './otlp-response';
import type { Encoding } from './otlp-response';
import { DecodeError } from '../decode/protobuf-reader';
import { isJsonDepthWithin, MAX_JSON_DEPTH } from './json-depth';
import { DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_MAX_RUN_BYTES, ReceiverBudget, RETRY_AFTER_SECONDS } from './receiver-budget';
import { BodyBuffers, readBody, readGunzipped } from './request-body';
import { createToken, isAuthorized } from './token';

/** Receiver options; optional fields also accept `undefined`. */
export interface ReceiverOptions {
  /** Where decoded records go (usually a {@link Run}). */
  readonly sink: TelemetrySink;
  /** Loopback address to bind: `127.0.0.1` (default), `::1`, another 127.x address, or `localhost` (= 127.0.0.1). */
  readonly host?: string | undefined;
  /** Port; 0 (default) picks a free one. */
  readonly port?: number | undefined;
  /** The bearer token clients must send; default: a fresh random token. */
  readonly token?: string | undefined;
  /** Largest request body accepted as sent (compressed). Default 16 MiB. */
  readonly maxBodyBytes?: number | undefined;
  /** Largest body accepted after gunzip. Default 32 MiB. */
  readonly maxDecodedBytes?: number | undefined;
  /**
   * Total decoded bytes (after gunzip) the run accepts; later requests are refused (413) and counted
   * under `budget`. Default 512 MiB.
   */
  readonly maxRunBytes?: number | undefined;
  /** Requests read, inflated and decoded at once; more are answered 429 with `Retry-After`. Default 8. */
  readonly maxConcurrentRequests?: number | undefined;
  /** Forwards every accepted request (optional). */
  readonly forwarder?: OtlpForwarder | undefined;
}

/** Why requests were refused. */
export interface RejectionCounts {
  readonly unauthorized: number;
  readonly notFound: number;
  readonly methodNotAllowed: number;
  readonly unsupportedMediaType: number;
  readonly tooLarge: number;
  readonly malformed: number;
  readonly internal: number;
  /** OTLP/gRPC attempts: an HTTP/2 connection preface or `content-type: application/grpc`. */
  readonly grpc: number;
  /** Refused because the run reached its total of decoded bytes (`maxRunBytes`). */
  readonly budget: number;
  /** Answered 429: too many requests at once (the exporter retries them). */
  readonly busy: number;
}

export interface ReceiverStats {
  readonly requests: number;
  /** Requests answered 200. */
  readonly accepted: number;
  readonly rejected: RejectionCounts;
  readonly spans: number;
  readonly metricPoints: number;
  readonly logRecords: number;
  /** Items reported back as rejected in `partial_success` (invalid ids, run limits). */
  readonly rejectedItems: number;
  /** Request body bytes received (as sent). */
  readonly bytes: number;
  /** Decoded bytes accepted, counted against `maxRunBytes`. */
  readonly decodedBytes: number;
  /** The run's budget of decoded bytes (`ReceiverOptions.maxRunBytes`). */
  readonly maxRunBytes: number;
  /** The last reason a request was refused with, for display. */
  readonly lastRejection: string | undefined;
}

/** A typed event per accepted request. */
export type ReceiveEvent = DecodedRequest;

export interface WaitForIdleOptions {
  /** How long no request may have been active. */
  readonly quietMs: number;
  /** Give up after this long. */
  readonly timeoutMs: number;
}

export interface OtlpReceiver {
  /** Base URL for `OTEL_EXPORTER_OTLP_ENDPOINT`, e.g. `http://127.0.0.1:43123`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly token: string;
  /** `{ authorization: 'Bearer <token>' }`. */
  readonly headers: Readonly<Record<string, string>>;
  stats(): ReceiverStats;
  /** Called synchronously after each accepted request (listener errors are swallowed). */
  onDidReceive(listener: (event: ReceiveEvent) => void): Disposable;
  /** Called synchronously after each refused request or connection, with the reason it was counted under. */
  onDidRefuse(listener: (reason: keyof RejectionCounts) => void): Disposable;
  /** Resolves true once no request has been in flight for `quietMs`, false on timeout. */
  waitForIdle(options: WaitForIdleOptions): Promise<boolean>;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

const PATHS: Readonly<Record<string, Signal>> = { '/v1/traces': 'traces', '/v1/metrics': 'metrics', '/v1/logs': 'logs' };
const ITEM_NAMES: Readonly<Record<Signal, string>> = { traces: 'spans', metrics: 'data points', logs: 'log records' };

type Rejection = keyof RejectionCounts;

/** Starts a receiver. Rejects with {@link NonLoopbackBindError} for a non-loopback host. */
export async function startReceiver(options: ReceiverOptions): Promise<OtlpReceiver> {
  const address = loopbackBindAddress(options.host ?? '127.0.0.1');
  const receiver = new Receiver(options, options.token ?? createToken());
  await receiver.listen(address, options.port ?? 0);
  return receiver;
}

class Receiver implements OtlpReceiver {
  private readonly server: Server;
  private readonly listeners = new Set<(event: ReceiveEvent) => void>();
  private readonly refuseListeners = new Set<(reason: Rejection) => void>();
  private readonly sockets = new Set<Socket>();
  private readonly bodyBuffers = new BodyBuffers();
  private readonly maxBody: number;
  private readonly maxDecoded: number;
  private readonly budget: ReceiverBudget;
  private boundHost = '';
  private boundPort = 0;
  private inFlight = 0;
  private lastActivity = Date.now();
  private counts = { requests: 0, accepted: 0, spans: 0, metricPoints: 0, logRecords: 0, rejectedItems: 0, bytes: 0 };
  private rejections: Record<Rejection, number> = { unauthorized: 0, notFound: 0, methodNotAllowed: 0, unsupportedMediaType: 0, tooLarge: 0, malformed: 0, internal: 0, grpc: 0, budget: 0, busy: 0 };
  private lastRejection: string | undefined;

  constructor(
    private readonly options: ReceiverOptions,
    readonly token: string,
  ) {
    this.maxBody = options.maxBodyBytes ?? 16 * 1024 * 1024;
    this.maxDecoded = options.maxDecodedBytes ?? 32 * 1024 * 1024;
    this.budget = new ReceiverBudget(options.maxRunBytes ?? DEFAULT_MAX_RUN_BYTES, options.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS);
    this.server = createServer({ requestTimeout: 60_000, headersTimeout: 15_000, maxHeaderSize: 16 * 1024 }, (req, res) => this.onRequest(req, res));
    this.server.keepAliveTimeout = 10_000;
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server.on('clientError', (error: Error, socket: Socket) => {
      if (isHttp2Preface(error)) {
        // An OTLP/gRPC exporter (HTTP/2 with prior knowledge): no HTTP/1.1 answer would mean anything to it.
        this.count('grpc', 'gRPC: the program sends OTLP/gRPC; this receiver speaks OTLP/HTTP (set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf)');
        socket.destroy();
        return;
      }
      // A client that went away (a program exiting with an idle keep-alive connection) was refused nothing.
      if ((error as NodeJS.ErrnoException).code === 'ECONNRESET') {
        socket.destroy();
        return;
      }
      this.count('malformed', `400: ${error.message.slice(0, 100)}`);
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      else socket.destroy();
    });
  }

  get host(): string {
    return this.boundHost;
  }

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `http://${this.boundHost.includes(':') ? `[${this.boundHost}]` : this.boundHost}:${this.boundPort}`;
  }

  get headers(): Readonly<Record<string, string>> {
    return { authorization: `Bearer ${this.token}` };
  }

  listen(address: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ host: address, port, exclusive: true }, () => {
        this.server.removeListener('error', reject);
        this.server.on('error', () => undefined);
        const bound = this.server.address() as AddressInfo;
        if (!isLoopbackAddress(bound.address)) {
          this.server.close();
          reject(new NonLoopbackBindError(bound.address));
          return;
        }
        this.boundHost = bound.address;
        this.boundPort = bound.port;
        resolve();
      });
    });
  }

  stats(): ReceiverStats {
    return { ...this.counts, decodedBytes: this.budget.bytes, maxRunBytes: this.budget.maxRunBytes, rejected: { ...this.rejections }, lastRejection: this.lastRejection };
  }

  onDidReceive(listener: (event: ReceiveEvent) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  onDidRefuse(listener: (reason: Rejection) => void): Disposable {
    this.refuseListeners.add(listener);
    return { dispose: () => void this.refuseListeners.delete(listener) };
  }

  waitForIdle(options: WaitForIdleOptions): Promise<boolean> {
    const deadline = Date.now() + options.timeoutMs;
    return new Promise((resolve) => {
      const check = (): void => {
        const now = Date.now();
        if (this.inFlight === 0 && now - this.lastActivity >= options.quietMs) resolve(true);
        else if (now >= deadline) resolve(false);
        else setTimeout(check, Math.min(25, Math.max(1, deadline - now)));
      };
      check();
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
      this.listeners.clear();
      this.refuseListeners.clear();
    });
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    this.counts.requests++;
    this.inFlight++;
    this.lastActivity = Date.now();
    res.on('close', () => {
      this.inFlight--;
      this.lastActivity = Date.now();
    });
    res.on('error', () => undefined);
    req.on('error', () => undefined);
    this.handle(req, res).catch((error: unknown) => {
      try {
        this.refuse(req, res, 500, 'internal', 'json', RPC_CODE.internal, `internal error: ${error instanceof Error ? error.message : String(error)}`);
      } catch {
        // The response is beyond answering (socket gone); nothing may escape as an unhandled rejection.
        res.destroy();
      }
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?', 1)[0] ?? '';
    const signal = Object.prototype.hasOwnProperty.call(PATHS, path) ? PATHS[path] : undefined;
    const encoding = encodingOf(req.headers['content-type']);
    const answerIn = encoding ?? 'json';
    // Authorization first, for every path and method: without the token nothing about the server (its
    // paths, what it echoes back) is revealed.
    if (!isAuthorized(req.headers.authorization, this.token)) {
      res.setHeader('www-authenticate', 'Bearer');
      return this.refuse(req, res, 401, 'unauthorized', answerIn, RPC_CODE.unauthenticated, 'missing or wrong bearer token');
    }
    if (encoding === undefined && isGrpcContentType(req.headers['content-type'])) {
      return this.refuse(req, res, 415, 'grpc', 'json', RPC_CODE.unimplemented, 'this receiver speaks OTLP/HTTP, not OTLP/gRPC (set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf)');
    }
    if (signal === undefined) return this.refuse(req, res, 404, 'notFound', answerIn, RPC_CODE.notFound, `no OTLP endpoint at '${path.slice(0, 100)}' (use /v1/traces, /v1/metrics or /v1/logs)`);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return this.refuse(req, res, 405, 'methodNotAllowed', answerIn, RPC_CODE.unimplemented, `${String(req.method).slice(0, 20)} is not allowed; use POST`);
    }
    if (encoding === undefined) {
      return this.refuse(req, res, 415, 'unsupportedMediaType', 'json', RPC_CODE.invalidArgument, `unsupported content-type '${String(req.headers['content-type']).slice(0, 100)}' (use application/x-protobuf or application/json)`);
    }
    const contentEncoding = contentEncodingOf(req.headers['content-encoding']);
    if (contentEncoding === false) {
      return this.refuse(req, res, 415, 'unsupportedMediaType', encoding, RPC_CODE.invalidArgument, `unsupported content-encoding '${String(req.headers['content-encoding']).slice(0, 100)}' (use gzip or none)`);
    }
    if (this.budget.isExhausted) return this.refuseOverBudget(req, res, encoding);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > this.maxBody) return this.refuse(req, res, 413, 'tooLarge', encoding, RPC_CODE.resourceExhausted, `request body exceeds ${this.maxBody} bytes`);
    if (!this.budget.tryAdmit()) {
      res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
      return this.refuse(req, res, 429, 'busy', encoding, RPC_CODE.unavailable, `more than ${this.budget.maxConcurrent} requests at once; retry after ${RETRY_AFTER_SECONDS} s`);
    }
    try {
      await this.readAndIngest(req, res, signal, encoding, contentEncoding);
    } finally {
      this.budget.release();
    }
  }

  /** Reads (inflating while reading), checks the budget and the JSON depth, decodes, stores and answers. */
  private async readAndIngest(req: IncomingMessage, res: ServerResponse, signal: Signal, encoding: Encoding, contentEncoding: 'gzip' | 'identity'): Promise<void> {
    // A body may decode to no more than the run has left: past that it would be refused anyway.
    const decodedLimit = Math.min(this.maxDecoded, this.budget.remainingBytes);
    const body = await this.readRequestBody(req, contentEncoding, decodedLimit);
    if (!body.ok) {
      if (body.status === 413 && body.limit === 'decoded' && decodedLimit < this.maxDecoded) return this.refuseOverBudget(req, res, encoding);
      return this.refuse(req, res, body.status, body.status === 413 ? 'tooLarge' : 'malformed', encoding, rpcCodeOf(body.status), body.reason);
    }
    try {
      this.counts.bytes += body.rawBytes;
      if (body.body.length > this.maxDecoded) return this.refuse(req, res, 413, 'tooLarge', encoding, RPC_CODE.resourceExhausted, `request body exceeds ${this.maxDecoded} bytes`);
      if (encoding === 'json' && !isJsonDepthWithin(body.body)) {
        return this.refuse(req, res, 400, 'malformed', encoding, RPC_CODE.invalidArgument, `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
      }
      // Decoding and storing are synchronous: no other request can charge the budget in between.
      if (this.budget.remainingBytes < body.body.length) return this.refuseOverBudget(req, res, encoding);
      let decoded: DecodedRequest;
      try {
        decoded = decodeRequest(signal, encoding, body.body);
      } catch (error) {
        const reason = error instanceof DecodeError ? error.message : `malformed payload: ${String(error)}`;
        return this.refuse(req, res, 400, 'malformed', encoding, RPC_CODE.invalidArgument, reason);
      }
      this.budget.tryCharge(body.body.length);
      const rejected = this.ingest(decoded);
      this.options.forwarder?.enqueue({ signal, body: body.raw, contentType: CONTENT_TYPES[encoding], contentEncoding: contentEncoding === 'gzip' ? 'gzip' : undefined });
      this.counts.accepted++;
      const message = rejected === 0 ? '' : (decoded.batch.reason ?? `${rejected} ${ITEM_NAMES[signal]} dropped: the run reached its limit`);
      this.respond(res, 200, encoding, encodeExportResponse(signal, encoding, rejected, message));
    } finally {
      // Decoded records never point into the body, so its buffer can serve the next request.
      if (body.pooled !== undefined) this.bodyBuffers.give(body.pooled);
    }
  }

  /** The body as decoded bytes, with the body as sent (for the forwarder) and the pooled buffer to give back. */
  private async readRequestBody(req: IncomingMessage, contentEncoding: 'gzip' | 'identity', decodedLimit: number): Promise<RequestBody> {
    const hasForwarder = this.options.forwarder !== undefined;
    if (contentEncoding === 'gzip') {
      const inflated = await readGunzipped(req, { maxRawBytes: this.maxBody, maxDecodedBytes: decodedLimit, shouldKeepRaw: hasForwarder });
      if (!inflated.ok) return inflated;
      return { ok: true, body: inflated.body, raw: inflated.raw ?? inflated.body, rawBytes: inflated.rawBytes, pooled: undefined };
    }
    // Pooled body buffers only without a forwarder (it keeps the body beyond this request).
    const read = await readBody(req, this.maxBody, hasForwarder ? undefined : this.bodyBuffers);
    if (!read.ok) return read;
    if (read.body.length > decodedLimit && decodedLimit < this.maxDecoded) {
      if (read.pooled !== undefined) this.bodyBuffers.give(read.pooled);
      return { ok: false, status: 413, reason: 'over the run budget', limit: 'decoded' };
    }
    return { ok: true, body: read.body, raw: read.body, rawBytes: read.body.length, pooled: read.pooled };
  }

  private refuseOverBudget(req: IncomingMessage, res: ServerResponse, encoding: Encoding): void {
    const reason = `the run reached its budget of ${this.budget.maxRunBytes} decoded bytes; nothing more is stored`;
    this.refuse(req, res, 413, 'budget', encoding, RPC_CODE.resourceExhausted, reason);
  }

  /** Hands records to the sink and listeners; returns the number rejected. */
  private ingest(decoded: DecodedRequest): number {
    let rejected = decoded.batch.rejected;
    switch (decoded.signal) {
      case 'traces': {
        // Protobuf spans arrive as rows; a sink that takes rows stores them without span objects.
        const batch = decoded.batch;
        const sink = this.options.sink;
        const isRows = batch instanceof SpanRowBatch;
        rejected += isRows && takesSpanRows(sink) ? sink.addSpanRows(batch) : sink.addSpans(batch.items);
        this.counts.spans += isRows ? batch.size : batch.items.length;
        break;
      }
      case 'metrics':
        rejected += this.options.sink.addMetrics(decoded.batch.items);
        this.counts.metricPoints += decoded.batch.items.reduce((n, m) => n + m.points.length, 0);
        break;
      case 'logs':
        rejected += this.options.sink.addLogs(decoded.batch.items);
        this.counts.logRecords += decoded.batch.items.length;
        break;
    }
    this.counts.rejectedItems += rejected;
    for (const listener of this.listeners) {
      try {
        listener(decoded);
      } catch {
        // A faulty listener must not fail the request or the other listeners.
      }
    }
    return rejected;
  }

  private refuse(req: IncomingMessage, res: ServerResponse, status: number, why: Rejection, encoding: Encoding, code: number, reason: string): void {
    this.count(why, `${status}: ${reason}`);
    // Already answered or gone (e.g. a failure after the reply): setHeader would throw.
    if (res.headersSent || res.destroyed) return;
    // The body may be unread: close the connection after answering instead of draining it.
    if (!req.complete) res.setHeader('connection', 'close');
    this.respond(res, status, encoding, encodeStatus(encoding, code, reason));
  }

  /** Counts a refusal and tells the listeners. */
  private count(why: Rejection, description: string): void {
    this.rejections[why]++;
    this.lastRejection = description;
    for (const listener of this.refuseListeners) {
      try {
        listener(why);
      } catch {
        // A faulty listener must not fail the request or the other listeners.
      }
    }
  }

  private respond(res: ServerResponse, status: number, encoding: Encoding, body: Buffer): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, { 'content-type': CONTENT_TYPES[encoding], 'content-length': body.length });
    res.end(body);
  }
}

/** A request body, decoded (inflated) and as sent. */
type RequestBody =
  | { readonly ok: true; readonly body: Buffer; readonly raw: Buffer; readonly rawBytes: number; readonly pooled: Buffer | undefined }
  | { readonly ok: false; readonly status: 400 | 413; readonly reason: string; readonly limit?: 'raw' | 'decoded' | undefined };

/** The RPC status code of a failed body read: resource exhausted for 413 (too large), else invalid argument. */
function rpcCodeOf(status: number): number {
  return status === 413 ? RPC_CODE.resourceExhausted : RPC_CODE.invalidArgument;
}

/** `protobuf`/`json` from a Content-Type header, ignoring parameters; undefined when unsupported. */
export function encodingOf(header: string | undefined): Encoding | undefined {
  if (header === undefined) return undefined;
  const type = (header.split(';', 1)[0] ?? '').trim().toLowerCase();
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  if (type === 'application/json') return 'json';
  return undefined;
}

/** Whether a Content-Type is gRPC's (`application/grpc`, `application/grpc+proto`, …). */
function isGrpcContentType(header: string | undefined): boolean {
  return header !== undefined && /^\s*application\/grpc([+;\s]|$)/i.test(header);
}

/** Whether the HTTP/1 parser stopped at an HTTP/2 connection preface (`PRI * HTTP/2.0`). */
function isHttp2Preface(error: Error): boolean {
  const raw = (error as { rawPacket?: unknown }).rawPacket;
  return (error as NodeJS.ErrnoException).code === 'HPE_PAUSED_H2_UPGRADE' || (Buffer.isBuffer(raw) && raw.subarray(0, 14).toString('latin1') === 'PRI * HTTP/2.0');
}

/** `gzip`, `identity` (absent) or false when unsupported. */
function contentEncodingOf(header: string | undefined): 'gzip' | 'identity' | false {
  const value = (header ?? '').trim().toLowerCase();
  if (value === '' || value === 'identity') return 'identity';
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  return false;
}
