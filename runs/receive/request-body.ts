/**
 * Reads an HTTP request body within a byte limit; a gzip body is inflated while it arrives, within a
 * second, running limit on the output, so a zip bomb stops at the limit instead of after inflating.
 */
import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';

/** The outcome of reading or inflating a body. */
export type BodyResult =
  | {
      readonly ok: true;
      readonly body: Buffer;
      /** The pooled buffer `body` lies in, when it came from a {@link BodyBuffers}; give it back once `body` is no longer used. */
      readonly pooled?: Buffer | undefined;
    }
  | { readonly ok: false; readonly status: 400 | 413; readonly reason: string };

/** Smallest pooled buffer. */
const MIN_POOLED_BYTES = 64 * 1024;
/** Larger buffers are not kept for reuse. */
const MAX_POOLED_BYTES = 4 * 1024 * 1024;
/** Most bytes kept idle in one pool. */
const MAX_IDLE_BYTES = 8 * 1024 * 1024;

/**
 * Reusable request-body buffers. A receiver gets bodies of similar sizes again and again; copying
 * each into a reused buffer instead of concatenating fresh chunks saves a large allocation per
 * request (for bodies over 128 KiB a fresh `mmap`, page faults, and external-memory pressure that
 * triggers garbage collections). Buffers are handed out exclusively and must not be used after
 * {@link give}.
 */
export class BodyBuffers {
  private readonly idle: Buffer[] = [];
  private idleBytes = 0;

  /** A buffer of at least `size` bytes (contents undefined). */
  take(size: number): Buffer {
    for (let i = 0; i < this.idle.length; i++) {
      const buffer = this.idle[i] as Buffer;
      if (buffer.length >= size) {
        this.idle.splice(i, 1);
        this.idleBytes -= buffer.length;
        return buffer;
      }
    }
    let capacity = MIN_POOLED_BYTES;
    while (capacity < size) capacity *= 2;
    return Buffer.allocUnsafeSlow(capacity > MAX_POOLED_BYTES ? size : capacity);
  }

  /** Returns a buffer from {@link take} for reuse. */
  give(buffer: Buffer): void {
    if (buffer.length > MAX_POOLED_BYTES) return;
    while (this.idle.length > 0 && this.idleBytes + buffer.length > MAX_IDLE_BYTES) this.idleBytes -= (this.idle.shift() as Buffer).length;
    this.idle.push(buffer);
    this.idleBytes += buffer.length;
  }
}

/**
 * Collects the body; stops (without buffering more) as soon as it exceeds `maxBytes`. With a
 * declared `content-length` and a pool, the body is copied into a pooled buffer (see
 * {@link BodyResult}'s `pooled`); otherwise the chunks are concatenated.
 */
export function readBody(req: IncomingMessage, maxBytes: number, buffers?: BodyBuffers): Promise<BodyResult> {
  const declared = declaredLength(req, maxBytes);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let target = declared > 0 && buffers !== undefined ? buffers.take(declared) : undefined;
    let size = 0;
    let done = false;
    const finish = (result: BodyResult): void => {
      if (done) return;
      done = true;
      req.removeListener('data', onData);
      if (!result.ok && target !== undefined) {
        buffers?.give(target);
        target = undefined;
      }
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      if (size + chunk.length > maxBytes) {
        size += chunk.length;
        chunks.length = 0;
        finish({ ok: false, status: 413, reason: `request body exceeds ${maxBytes} bytes` });
        return;
      }
      if (target !== undefined && size + chunk.length > target.length) {
        // More than declared (the HTTP parser prevents it): continue with plain chunks.
        chunks.push(target.subarray(0, size));
        buffers?.give(target);
        target = undefined;
      }
      if (target === undefined) chunks.push(chunk);
      else chunk.copy(target, size);
      size += chunk.length;
    };
    req.on('data', onData);
    req.on('end', () => {
      if (target !== undefined) finish({ ok: true, body: target.subarray(0, size), pooled: target });
      else finish({ ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) });
    });
    req.on('error', (error) => finish({ ok: false, status: 400, reason: `request stream failed: ${error.message}` }));
    req.on('close', () => finish({ ok: false, status: 400, reason: 'request aborted' }));
  });
}

/** The declared body length when it is a usable size (1 to `maxBytes`), else 0. */
function declaredLength(req: IncomingMessage, maxBytes: number): number {
  const header = req.headers['content-length'];
  if (header === undefined) return 0;
  const length = Number(header);
  return Number.isSafeInteger(length) && length > 0 && length <= maxBytes ? length : 0;
}

/** The outcome of reading and inflating a gzip body: the inflated body, and the body as sent when asked to keep it. */
export type InflatedResult =
  | { readonly ok: true; readonly body: Buffer; readonly rawBytes: number; readonly raw: Buffer | undefined }
  | {
      readonly ok: false;
      readonly status: 400 | 413;
      readonly reason: string;
      /** Which limit a 413 hit: the body as sent, or its inflated size. */
      readonly limit?: 'raw' | 'decoded';
    };

/** Limits of {@link readGunzipped}. */
export interface GunzipLimits {
  /** Most bytes read as sent (compressed). */
  readonly maxRawBytes: number;
  /** Most bytes of output; inflating stops as soon as it is exceeded. */
  readonly maxDecodedBytes: number;
  /** Keep the compressed body too (a forwarder sends it on as it came). */
  readonly shouldKeepRaw: boolean;
}

/** Inflate output per step: large enough for few round trips to the thread pool, small enough to stop a bomb early. */
const INFLATE_CHUNK_BYTES = 64 * 1024;

/**
 * Reads a gzip body and inflates it as it arrives. Stops reading and inflating as soon as either
 * limit is exceeded, so a bomb costs at most `maxDecodedBytes` of memory and the time to inflate them.
 * Honours backpressure: the request is paused while the inflater is busy.
 */
export function readGunzipped(req: IncomingMessage, limits: GunzipLimits): Promise<InflatedResult> {
  return new Promise((resolve) => {
    const gunzip = createGunzip({ chunkSize: INFLATE_CHUNK_BYTES });
    const raw: Buffer[] = [];
    const out: Buffer[] = [];
    let rawBytes = 0;
    let outBytes = 0;
    let done = false;
    const finish = (result: InflatedResult): void => {
      if (done) return;
      done = true;
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      if (!result.ok) {
        raw.length = 0;
        out.length = 0;
        gunzip.destroy();
      }
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      rawBytes += chunk.length;
      if (rawBytes > limits.maxRawBytes) {
        finish({ ok: false, status: 413, reason: `request body exceeds ${limits.maxRawBytes} bytes`, limit: 'raw' });
        return;
      }
      if (limits.shouldKeepRaw) raw.push(chunk);
      if (!gunzip.write(chunk)) {
        req.pause();
        gunzip.once('drain', () => req.resume());
      }
    };
    const onEnd = (): void => void gunzip.end();
    gunzip.on('data', (chunk: Buffer) => {
      if (done) return;
      outBytes += chunk.length;
      if (outBytes > limits.maxDecodedBytes) {
        finish({ ok: false, status: 413, reason: `decompressed body exceeds ${limits.maxDecodedBytes} bytes`, limit: 'decoded' });
        return;
      }
      out.push(chunk);
    });
    gunzip.on('end', () =>
      finish({
        ok: true,
        body: out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out, outBytes),
        rawBytes,
        raw: limits.shouldKeepRaw ? Buffer.concat(raw, rawBytes) : undefined,
      }),
    );
    gunzip.on('error', (error) => finish({ ok: false, status: 400, reason: `invalid gzip data: ${error.message}` }));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', (error) => finish({ ok: false, status: 400, reason: `request stream failed: ${error.message}` }));
    req.on('close', () => {
      if (!req.complete) finish({ ok: false, status: 400, reason: 'request aborted' });
    });
  });
}
