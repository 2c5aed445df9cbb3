/**
 * Forwards what the receiver accepted to an external OTLP/HTTP endpoint (a collector, Jaeger…),
 * byte for byte with its original content type and encoding. Never blocks the receiver: requests go
 * into a bounded queue (by count and bytes) that a small pump drains; when the queue is full new
 * requests are dropped and counted; failed sends are counted, not retried.
 */
import type { Signal } from '../store/model';

export interface ForwarderOptions {
  /** Base URL, like `OTEL_EXPORTER_OTLP_ENDPOINT` (`http://localhost:4318`); `/v1/<signal>` is appended. */
  readonly endpoint: string;
  /** Extra headers sent with every request (e.g. an API key). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Requests waiting at most. Default 256. */
  readonly maxQueue?: number;
  /** Bytes waiting at most. Default 64 MiB. */
  readonly maxQueueBytes?: number;
  /** Per-request timeout. Default 10 s. */
  readonly timeoutMs?: number;
  /** Requests in flight at once. Default 2. */
  readonly concurrency?: number;
}

/** One received request to forward. */
export interface ForwardRequest {
  readonly signal: Signal;
  readonly body: Buffer;
  readonly contentType: string;
  /** `gzip`, or undefined for identity. */
  readonly contentEncoding: string | undefined;
}

export interface ForwarderStats {
  readonly forwarded: number;
  readonly failed: number;
  /** Dropped because the queue was full. */
  readonly dropped: number;
  readonly queued: number;
  /** The last failure, for display. */
  readonly lastError: string | undefined;
}

/** Thrown for an endpoint that is not an http(s) URL. */
export class ForwarderConfigError extends Error {
  override readonly name = 'ForwarderConfigError';
}

export class OtlpForwarder {
  private readonly queue: ForwardRequest[] = [];
  private readonly base: string;
  private queuedBytes = 0;
  private inFlight = 0;
  private forwarded = 0;
  private failed = 0;
  private dropped = 0;
  private lastError: string | undefined;
  private closed = false;
  private readonly idleWaiters: Array<() => void> = [];

  constructor(private readonly options: ForwarderOptions) {
    let url: URL;
    try {
      url = new URL(options.endpoint);
    } catch {
      throw new ForwarderConfigError(`invalid forwarding endpoint '${options.endpoint}'`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ForwarderConfigError(`forwarding endpoint must be http(s): '${options.endpoint}'`);
    this.base = url.href.replace(/\/+$/, '');
  }

  /** Queues a request; returns false when it was dropped (queue full or closed). Never throws. */
  enqueue(request: ForwardRequest): boolean {
    const maxQueue = this.options.maxQueue ?? 256;
    const maxBytes = this.options.maxQueueBytes ?? 64 * 1024 * 1024;
    if (this.closed || this.queue.length >= maxQueue || this.queuedBytes + request.body.length > maxBytes) {
      this.dropped++;
      return false;
    }
    this.queue.push(request);
    this.queuedBytes += request.body.length;
    this.pump();
    return true;
  }

  stats(): ForwarderStats {
    return { forwarded: this.forwarded, failed: this.failed, dropped: this.dropped, queued: this.queue.length + this.inFlight, lastError: this.lastError };
  }

  /** Resolves when the queue is empty and nothing is in flight, or after `timeoutMs`. */
  drain(timeoutMs: number): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Stops accepting requests; queued ones are discarded (counted as dropped). */
  close(): void {
    this.closed = true;
    this.dropped += this.queue.length;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.notifyIdle();
  }

  private pump(): void {
    const concurrency = this.options.concurrency ?? 2;
    while (this.inFlight < concurrency && this.queue.length > 0) {
      const request = this.queue.shift() as ForwardRequest;
      this.queuedBytes -= request.body.length;
      this.inFlight++;
      // The send promise never rejects (send catches everything); the handler just continues the pump.
      void this.send(request).finally(() => {
        this.inFlight--;
        this.pump();
        this.notifyIdle();
      });
    }
  }

  private async send(request: ForwardRequest): Promise<void> {
    try {
      const headers: Record<string, string> = { ...this.options.headers, 'content-type': request.contentType };
      if (request.contentEncoding !== undefined) headers['content-encoding'] = request.contentEncoding;
      const response = await fetch(`${this.base}/v1/${request.signal}`, {
        method: 'POST',
        headers,
        body: request.body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) this.forwarded++;
      else this.fail(`HTTP ${response.status} from ${this.base}`);
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
    }
  }

  private fail(message: string): void {
    this.failed++;
    this.lastError = message;
  }

  private notifyIdle(): void {
    if (this.queue.length > 0 || this.inFlight > 0) return;
    for (const waiter of this.idleWaiters.splice(0)) waiter();
  }
}
