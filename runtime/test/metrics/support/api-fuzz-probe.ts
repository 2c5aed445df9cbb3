/**
 * Run by api-fuzz.test.ts in a child process (the calls install globals and start servers): calls every
 * function of the public surface with junk arguments and prints, as JSON, each call that threw or whose
 * promise rejected. The runtime must never throw into the program, so the expected output is `[]`.
 */
import * as api from '../../../src/index';

const hostile = new Proxy(
  {},
  {
    get() {
      throw new Error('hostile get');
    },
    has() {
      throw new Error('hostile has');
    },
    ownKeys() {
      throw new Error('hostile keys');
    },
  },
);
const revoked = ((): object => {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
})();
const noString = Object.create(null) as object;
const throwingToString = { toString(): string { throw new Error('hostile toString'); } };
/** Options objects whose every trap throws, and a revoked Proxy (any operation on it throws). */
const JUNK: readonly unknown[] = [undefined, null, 0, -1, NaN, '', 'x', true, [], {}, noString, throwingToString, Symbol('s'), 10n, () => 1, hostile, revoked];

/** A thrown value's message; a hostile value (revoked Proxy) may throw on `instanceof` itself. */
function describeThrown(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'a hostile value';
  }
}

/** Closes whatever a call returned that holds resources (servers, backends, tracing). */
async function release(value: unknown): Promise<void> {
  if (typeof value !== 'object' || value === null) return;
  const v = value as { close?: unknown; shutdown?: unknown };
  if (typeof v.close === 'function') await (v.close as () => Promise<void>)();
  else if (typeof v.shutdown === 'function') await (v.shutdown as () => Promise<void>)();
}

/**
 * Callbacks that throw or reject with hostile values (a revoked Proxy: even `instanceof` and `String()` of
 * it throw): nothing may escape the recording call, and no rejection may go unhandled.
 */
async function hostileCallbacks(): Promise<string[]> {
  const failures: string[] = [];
  let unhandled = 0;
  process.on('unhandledRejection', () => unhandled++);
  const registry = api.createRegistry();
  registry.configure({ onError: () => { throw revoked; } });
  const s = api.defineStats('hostile', { n: api.counter({ description: 'N' }), g: api.gauge({ description: 'G' }) }, { registry });
  s.n.onChange(async () => { throw revoked; });
  s.n.onChange(() => { throw revoked; });
  s.n.onChange(() => revoked);
  s.g.onThreshold({ above: 1 }, () => { throw hostile; });
  s.g.onThreshold({ above: 1 }, () => Promise.reject(hostile), { delivery: 'batched' });
  for (const [label, call] of [['inc()', () => s.n.inc()], ['gauge.set(5)', () => s.g.set(5)], ['gauge.set(0)', () => s.g.set(0)], ['gauge.set(7)', () => s.g.set(7)]] as const) {
    try {
      call();
    } catch (error) {
      failures.push(`${label} with hostile callbacks threw ${typeof error}`);
    }
  }
  await new Promise((r) => setTimeout(r, 50));
  if (unhandled > 0) failures.push(`${unhandled} callback rejections went unhandled`);
  return failures;
}

async function main(): Promise<void> {
  const failures: string[] = [];
  const functions = Object.entries(api).filter((e): e is [string, (...a: unknown[]) => unknown] => typeof e[1] === 'function');
  for (const [name, fn] of functions) {
    const calls: unknown[][] = [[]];
    for (const a of JUNK) calls.push([a], ['x', a], ['x', a, a], [a, a, a]);
    // withSpan's second argument must be a function for it to run anything: fuzz its options then too.
    for (const a of JUNK) calls.push(['x', () => 1, a]);
    for (const args of calls) {
      const label = `${name}(${args.map((a) => (typeof a === 'symbol' ? 'Symbol' : typeof a === 'bigint' ? 'bigint' : a === hostile ? 'Proxy' : a === revoked ? 'revoked Proxy' : a === noString ? 'Object.create(null)' : a === throwingToString ? '{toString throws}' : JSON.stringify(a) ?? typeof a)).join(', ')})`;
      try {
        const result = fn(...args);
        if (typeof result === 'object' && result !== null && typeof (result as { then?: unknown }).then === 'function') {
          await release(await (result as Promise<unknown>));
        }
      } catch (error) {
        failures.push(`${label}: ${describeThrown(error)}`);
      }
    }
  }
  failures.push(...(await hostileCallbacks()));
  await api.shutdownMetrics();
  await api.shutdownTracing();
  process.stdout.write(`\nFUZZ-RESULT ${JSON.stringify(failures)}\n`);
}

void main().catch((error: unknown) => {
  // The probe's own failure (not the runtime's) shows in the test's assertion.
  process.stdout.write(`\nFUZZ-RESULT ${JSON.stringify([`probe failed: ${String(error)}`])}\n`);
});
