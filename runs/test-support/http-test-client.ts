/** Test support: raw HTTP requests to a receiver (no client-side validation, so tests can send anything). */
import { request } from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export interface RawRequest {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string | number>>;
  /** Sent as is; chunks are written one by one (chunked encoding when no content-length is given). */
  readonly body?: Buffer | readonly Buffer[];
}

/** Sends one request and collects the response; connection errors reject. */
export function send(url: string, req: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const r = request({ host: hostname.replace(/^\[|\]$/g, ''), port, path: req.path, method: req.method ?? 'POST', headers: req.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    r.on('error', reject);
    const body = req.body;
    if (body === undefined) r.end();
    else if (Buffer.isBuffer(body)) r.end(body);
    else {
      for (const chunk of body) r.write(chunk);
      r.end();
    }
  });
}
