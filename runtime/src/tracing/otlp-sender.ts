/**
 * Sends encoded OTLP/HTTP request bodies. Unlike the stock exporter transport it knows about exit:
 * while the process is closing it makes one attempt per batch (no backoff that would hold the exit),
 * and from the `exit` event, where no async I/O can run, it sends synchronously through a short-lived
 * child process. Never throws; failures are returned for counting.
 */
import type * as ChildProcess from 'node:child_process';
import type * as Http from 'node:http';
import type * as Https from 'node:https';
import { createRequire } from 'node:module';
import type * as Zlib from 'node:zlib';
import type { OtlpSignalConfig } from '../config/types';

/**
 * The network, compression and process modules are loaded on first use, so that importing the
 * library for metrics only does not load https/zlib/child_process (tens of milliseconds).
 */
// Any absolute path works for built-ins; the node binary's path exists in CJS and ESM alike.
const builtin = createRequire(process.execPath);
let modules: { http: typeof Http; https: typeof Https; zlib: typeof Zlib; childProcess: typeof ChildProcess } | undefined;
function node(): NonNullable<typeof modules> {
  modules ??= { http: builtin('node:http'), https: builtin('node:https'), zlib: builtin('node:zlib'), childProcess: builtin('node:child_process') };
  return modules;
}

/** The result of sending one body. */
export type SendOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

/** Runs a function with OTel tracing suppressed, so the export request is not itself traced. */
export type Suppressor = <T>(fn: () => T) => T;

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH']);
const MAX_ATTEMPTS = 5;

/** Set while the process is closing: one attempt per body, bounded by this deadline (epoch ms). */
let closingDeadline: number | undefined;
const sleepers = new Set<() => void>();

/** Makes every sender give up retries and finish by `deadlineMs`; cuts current backoffs short. */
export function beginClosingSenders(deadlineMs: number): void {
  closingDeadline = deadlineMs;
  for (const wake of [...sleepers]) wake();
}

/** Back to normal sending (the program went on after a flush). */
export function endClosingSenders(): void {
  closingDeadline = undefined;
}

/** One OTLP/HTTP endpoint with its headers, encoding and timeout. */
export class OtlpHttpSender {
  private readonly url: URL | undefined;
  private readonly agent: Http.Agent;
  private readonly headers: Record<string, string>;

  constructor(
    private readonly target: OtlpSignalConfig,
    private readonly suppress: Suppressor,
  ) {
    this.url = URL.canParse(target.endpoint) ? new URL(target.endpoint) : undefined;
    const isHttps = this.url?.protocol === 'https:';
    const { http, https } = node();
    this.agent = isHttps ? new https.Agent({ keepAlive: true, maxSockets: 4 }) : new http.Agent({ keepAlive: true, maxSockets: 4 });
    this.headers = {
      ...target.headers,
      'content-type': target.protocol === 'http/json' ? 'application/json' : 'application/x-protobuf',
      ...(target.compression === 'gzip' ? { 'content-encoding': 'gzip' } : {}),
    };
  }

  /** The endpoint, for messages. */
  get endpoint(): string {
    return this.target.endpoint;
  }

  /**
   * True for the options of a request this sender makes: every one goes through its own agent. The
   * http instrumentation asks, so that exports record neither a client span nor a duration point.
   */
  isOwnRequest(options: { readonly agent?: unknown }): boolean {
    return options.agent === this.agent;
  }

  /**
   * POSTs one body. Retryable failures (429, 502-504, network errors) are retried with backoff until
   * `deadlineMs` (epoch ms); while the process is closing one attempt is made, by the closing deadline.
   */
  async send(body: Uint8Array, deadlineMs: number): Promise<SendOutcome> {
    const payload = this.encode(body);
    let backoffMs = 500;
    for (let attempt = 1; ; attempt++) {
      const deadline = Math.min(deadlineMs, closingDeadline ?? Number.POSITIVE_INFINITY);
      const result = await this.post(payload, Math.max(1, Math.min(this.target.timeoutMs, deadline - Date.now())));
      if (result.ok || !result.isRetryable || closingDeadline !== undefined || attempt >= MAX_ATTEMPTS) return result.ok ? result : { ok: false, error: result.error };
      const wait = Math.min(backoffMs * (0.8 + Math.random() * 0.4), 5000);
      if (Date.now() + wait >= deadline) return { ok: false, error: result.error };
      await sleep(wait);
      if (closingDeadline !== undefined) return { ok: false, error: result.error };
      backoffMs *= 2;
    }
  }

  /**
   * Sends bodies synchronously from a child process (for the `exit` event). Returns, per body, whether
   * the receiver accepted it; a body that could not be attempted counts as not accepted.
   */
  sendSync(bodies: readonly Uint8Array[], timeoutMs: number): boolean[] {
    const none = bodies.map(() => false);
    if (this.url === undefined || bodies.length === 0) return none;
    try {
      const frames: Buffer[] = [];
      for (const body of bodies) {
        const payload = this.encode(body);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(payload.length);
        frames.push(length, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
      }
      const meta = JSON.stringify({ url: this.url.href, headers: this.headers, timeoutMs: Math.max(1, Math.min(this.target.timeoutMs, timeoutMs)) });
      const result = node().childProcess.spawnSync(process.execPath, ['-e', SYNC_SENDER_SCRIPT], {
        input: Buffer.concat(frames),
        env: { ...process.env, NODE_OPTIONS: '', STATSCOPE_SYNC_SEND: meta },
        timeout: Math.max(500, timeoutMs + 500),
        stdio: ['pipe', 'pipe', 'ignore'],
        windowsHide: true,
      });
      const parsed: unknown = JSON.parse(result.stdout?.toString('utf8') || '[]');
      if (Array.isArray(parsed) && parsed.length === bodies.length) return parsed.map((ok) => ok === true);
    } catch {
      // Fall through: nothing confirmed.
    }
    return none;
  }

  private encode(body: Uint8Array): Uint8Array {
    return this.target.compression === 'gzip' ? node().zlib.gzipSync(body) : body;
  }

  private post(payload: Uint8Array, timeoutMs: number): Promise<{ ok: true } | { ok: false; error: string; isRetryable: boolean }> {
    const url = this.url;
    if (url === undefined) return Promise.resolve({ ok: false, error: `invalid endpoint ${this.target.endpoint}`, isRetryable: false });
    return new Promise((resolve) => {
      try {
        this.suppress(() => {
          const { http, https } = node();
          const request = (url.protocol === 'https:' ? https.request : http.request)(
            url,
            { method: 'POST', agent: this.agent, headers: { ...this.headers, 'content-length': String(payload.byteLength) } },
            (res) => {
              // The connection can drop after the headers: 'end' then never comes, so 'error' and an
              // incomplete 'close' settle the attempt too (a second resolve is a no-op).
              const dropped = (): void => resolve({ ok: false, error: 'ECONNRESET connection closed before the response ended', isRetryable: true });
              res.on('error', dropped);
              res.on('close', () => {
                if (!res.complete) dropped();
              });
              res.resume();
              res.on('end', () => {
                const status = res.statusCode ?? 0;
                if (status >= 200 && status < 300) resolve({ ok: true });
                else resolve({ ok: false, error: `HTTP ${status} ${res.statusMessage ?? ''}`.trim(), isRetryable: RETRYABLE_STATUS.has(status) });
              });
            },
          );
          request.setTimeout(timeoutMs, () => request.destroy(Object.assign(new Error(`timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
          request.on('error', (error: Error & { code?: string }) => {
            resolve({ ok: false, error: error.code ? `${error.code} ${error.message}` : error.message, isRetryable: error.code !== undefined && RETRYABLE_CODES.has(error.code) });
          });
          request.end(payload);
        });
      } catch (error) {
        resolve({ ok: false, error: error instanceof Error ? error.message : String(error), isRetryable: false });
      }
    });
  }
}

/** An unref'd wait that `beginClosingSenders` can cut short. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const wake = (): void => {
      clearTimeout(timer);
      sleepers.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms).unref();
    sleepers.add(wake);
  });
}

/** The child process of `sendSync`: reads length-prefixed bodies from stdin, POSTs each, prints outcomes. */
const SYNC_SENDER_SCRIPT = `
const meta = JSON.parse(process.env.STATSCOPE_SYNC_SEND);
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const input = Buffer.concat(chunks);
  const bodies = [];
  for (let at = 0; at + 4 <= input.length; ) { const n = input.readUInt32BE(at); bodies.push(input.subarray(at + 4, at + 4 + n)); at += 4 + n; }
  const url = new URL(meta.url);
  const mod = require(url.protocol === 'https:' ? 'node:https' : 'node:http');
  const post = (body) => new Promise((resolve) => {
    const req = mod.request(url, { method: 'POST', headers: { ...meta.headers, 'content-length': String(body.length) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode >= 200 && res.statusCode < 300));
      res.on('error', () => resolve(false));
    });
    req.setTimeout(meta.timeoutMs, () => req.destroy());
    req.on('error', () => resolve(false));
    req.end(body);
  });
  const results = await Promise.all(bodies.map(post));
  process.stdout.write(JSON.stringify(results));
});
`;
