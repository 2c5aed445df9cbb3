/** Reads an HTTP request body within a byte limit, and gunzips it within a second limit (zip bombs). */
import type { IncomingMessage } from 'node:http';
import { gunzip } from 'node:zlib';

/** The outcome of reading or inflating a body. */
export type BodyResult =
  | { readonly ok: true; readonly body: Buffer }
  | { readonly ok: false; readonly status: 400 | 413; readonly reason: string };

/** Collects the body; stops (without buffering more) as soon as it exceeds `maxBytes`. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult): void => {
      if (done) return;
      done = true;
      req.removeListener('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        finish({ ok: false, status: 413, reason: `request body exceeds ${maxBytes} bytes` });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => finish({ ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) }));
    req.on('error', (error) => finish({ ok: false, status: 400, reason: `request stream failed: ${error.message}` }));
    req.on('close', () => finish({ ok: false, status: 400, reason: 'request aborted' }));
  });
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
