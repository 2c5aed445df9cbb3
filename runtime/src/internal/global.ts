/**
 * The process-wide slot two copies of the runtime share (one preloaded with `--require`, one imported by
 * the program), like `@opentelemetry/api` does. The key carries the layout version of what is stored: a
 * copy only shares state with copies that agree on that layout; an incompatible future layout uses a new key.
 */
import { isObject } from './is';

/** Bumped whenever the shape of {@link GlobalSlot} or the registry contract changes incompatibly. */
export const GLOBAL_LAYOUT_VERSION = 1;
/** The versioned global key. */
export const GLOBAL_KEY: unique symbol = Symbol.for(`statscope.metrics.v${GLOBAL_LAYOUT_VERSION}`) as never;

/** What sits under {@link GLOBAL_KEY}. Fields are filled lazily by whichever copy needs them first. */
export interface GlobalSlot {
  readonly layout: number;
  /** Version of the runtime copy that created the slot (for diagnostics). */
  readonly createdBy: string;
  /** Values owned by modules, keyed by module name (`registry`, `diag`); each module guards its own type. */
  readonly entries: Map<string, unknown>;
}

function isGlobalSlot(value: unknown): value is GlobalSlot {
  return isObject(value) && value['layout'] === GLOBAL_LAYOUT_VERSION && value['entries'] instanceof Map;
}

/** The shared slot, created on first use. */
export function globalSlot(runtimeVersion: string): GlobalSlot {
  const holder = globalThis as unknown as Record<symbol, unknown>;
  const existing = holder[GLOBAL_KEY];
  if (isGlobalSlot(existing)) return existing;
  const slot: GlobalSlot = { layout: GLOBAL_LAYOUT_VERSION, createdBy: runtimeVersion, entries: new Map() };
  Object.defineProperty(holder, GLOBAL_KEY, { value: slot, writable: false, enumerable: false, configurable: true });
  return slot;
}

/** The shared value for `name`, created with `create` when absent or when the stored value fails `guard`. */
export function sharedValue<T>(name: string, guard: (value: unknown) => value is T, create: () => T): T {
  const slot = globalSlot(RUNTIME_VERSION);
  const existing = slot.entries.get(name);
  if (guard(existing)) return existing;
  const value = create();
  slot.entries.set(name, value);
  return value;
}

/** Version of this copy of the runtime (kept in step with runtime/package.json by a test). */
export const RUNTIME_VERSION = '0.1.0';
