/** Reads an HTTP request body within a byte limit, and gunzips it within a second limit (zip bombs). */
import type { IncomingMessage } from 'node:http';
import { gunzip } from 'node:zlib';

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

/** Gunzips within `maxBytes` of output. */
export function inflate(body: Buffer, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    gunzip(body, { maxOutputLength: maxBytes }, (error, result) => {
      if (error === null) resolve({ ok: true, body: result });
      else if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') resolve({ ok: false, status: 413, reason: `decompressed body exceeds ${maxBytes} bytes` });
      else resolve({ ok: false, status: 400, reason: `invalid gzip data: ${error.message}` });
    });
  });
}
