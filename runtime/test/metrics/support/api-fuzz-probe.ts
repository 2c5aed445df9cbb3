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
const noString = Object.create(null) as object;
const throwingToString = { toString(): string { throw new Error('hostile toString'); } };
const JUNK: readonly unknown[] = [undefined, null, 0, -1, NaN, '', 'x', true, [], {}, noString, throwingToString, Symbol('s'), 10n, () => 1];
// Options objects whose getters throw are not fuzzed here (label values are, in metrics/fuzz.test.ts).
void hostile;

/** Closes whatever a call returned that holds resources (servers, backends, tracing). */
async function release(value: unknown): Promise<void> {
  if (typeof value !== 'object' || value === null) return;
  const v = value as { close?: unknown; shutdown?: unknown };
  if (typeof v.close === 'function') await (v.close as () => Promise<void>)();
  else if (typeof v.shutdown === 'function') await (v.shutdown as () => Promise<void>)();
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
      const label = `${name}(${args.map((a) => (typeof a === 'symbol' ? 'Symbol' : typeof a === 'bigint' ? 'bigint' : a === hostile ? 'Proxy' : a === noString ? 'Object.create(null)' : a === throwingToString ? '{toString throws}' : JSON.stringify(a) ?? typeof a)).join(', ')})`;
      try {
        const result = fn(...args);
        if (typeof result === 'object' && result !== null && typeof (result as { then?: unknown }).then === 'function') {
          await release(await (result as Promise<unknown>));
        }
      } catch (error) {
        failures.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  await api.shutdownMetrics();
  await api.shutdownTracing();
  process.stdout.write(`\nFUZZ-RESULT ${JSON.stringify(failures)}\n`);
}

void main().catch((error: unknown) => {
  // The probe's own failure (not the runtime's) shows in the test's assertion.
  process.stdout.write(`\nFUZZ-RESULT ${JSON.stringify([`probe failed: ${String(error)}`])}\n`);
});
