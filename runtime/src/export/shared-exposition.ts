/**
 * Serializes the exposition for /metrics: in slices that yield to the event loop between them, at most one
 * serialization per format at a time (requests that arrive while one runs share its bytes), and never more
 * than a byte cap. Each request then streams the shared chunks to its own client at the client's pace.
 */
import type { ExpositionFormat, MetricsRegistry } from '../metrics/registry-types';

/** A finished exposition: its chunks (shared by every response that sends them, never modified), or why not. */
export interface Exposition {
  readonly chunks: readonly Buffer[];
  readonly bytes: number;
  /** Set when there is nothing to send: the exposition failed or exceeded the byte cap. */
  readonly error: string | undefined;
}

/** Limits of {@link SharedExposition}. */
export interface ExpositionLimits {
  /** Most bytes an exposition may have; a larger one is abandoned (its scrape fails with 500). */
  readonly maxBytes: number;
  /** About this many bytes are written between two yields to the event loop. */
  readonly sliceBytes: number;
}

/** The in-flight serializations of one registry, by format. */
export class SharedExposition {
  private readonly inFlight = new Map<ExpositionFormat, Promise<Exposition>>();
  /** Serializations started (tests: concurrent scrapes share one). */
  started = 0;

  constructor(private readonly registry: MetricsRegistry, private readonly limits: ExpositionLimits) {}

  /** The exposition in `format`: the one being serialized now, or a new one. Never rejects. */
  get(format: ExpositionFormat): Promise<Exposition> {
    let pending = this.inFlight.get(format);
    if (pending === undefined) {
      this.started++;
      pending = this.serialize(format);
      this.inFlight.set(format, pending);
      void pending.then(() => this.inFlight.delete(format)); // serialize() never rejects
    }
    return pending;
  }

  private serialize(format: ExpositionFormat): Promise<Exposition> {
    const { maxBytes, sliceBytes } = this.limits;
    const chunks: Buffer[] = [];
    let bytes = 0;
    const sink = (chunk: Buffer): void => {
      bytes += chunk.length;
      if (bytes <= maxBytes) chunks.push(chunk);
    };
    const tooBig = (): Exposition => ({ chunks: [], bytes, error: `the exposition is larger than the ${maxBytes}-byte cap` });
    const registry = this.registry;
    if (typeof registry.exposeInSlices !== 'function') {
      // A registry from an older copy of the runtime: one synchronous pass.
      const ok = registry.writeExposition(format, sink);
      return Promise.resolve(bytes > maxBytes ? tooBig() : { chunks, bytes, error: ok ? undefined : 'serializing the exposition failed' });
    }
    const stepper = registry.exposeInSlices(format, sink);
    return new Promise<Exposition>((resolve) => {
      const run = (): void => {
        let isDone: boolean;
        try {
          isDone = stepper.step(sliceBytes) || bytes > maxBytes;
        } catch {
          resolve({ chunks: [], bytes, error: 'serializing the exposition failed' }); // a foreign registry
          return;
        }
        if (!isDone) {
          setImmediate(run);
          return;
        }
        resolve(bytes > maxBytes ? tooBig() : { chunks, bytes, error: stepper.failed ? 'serializing the exposition failed' : undefined });
      };
      run();
    });
  }
}
