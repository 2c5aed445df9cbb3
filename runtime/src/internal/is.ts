/**
 * Type guards shared by the runtime: take `unknown`, narrow, never throw. A value may be hostile: a Proxy
 * whose traps throw, or a revoked Proxy, on which even `instanceof`, `in` and `String()` throw.
 */
import { types } from 'node:util';

/** True for a non-null object (arrays included). */
export function isObject(value: unknown): value is Record<PropertyKey, unknown> {
  return typeof value === 'object' && value !== null;
}

/** True for a function of any signature. */
export function isFunction(value: unknown): value is (...args: never[]) => unknown {
  return typeof value === 'function';
}

/** True for a finite number. */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** True for an array whose elements are all strings. */
export function isStringArray(value: unknown): value is readonly string[] {
  return Array.isArray(value) && (value as readonly unknown[]).every((v) => typeof v === 'string');
}

/** True for a thenable (a promise-like object or function), so its rejection can be handled. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  try {
    // Cast: a non-null object or function may have `then`; its type is checked right here.
    return typeof (value as { then?: unknown }).then === 'function';
  } catch {
    return false; // a getter or Proxy trap that throws: not a promise the runtime can wait for
  }
}

/**
 * The options object a public function was given, or an empty one for `undefined`, `null` and other
 * non-objects (untyped callers), so that reading an option never throws. A Proxy is read once, into a
 * plain copy; one whose traps throw (or a revoked one) counts as no options.
 */
export function optionsOf<T extends object>(value: T | null | undefined): Partial<T> {
  if (!isObject(value)) return {};
  // Cast: a non-null object stands for the caller's options; its fields are still checked one by one.
  return types.isProxy(value) ? (copyOf(value) as Partial<T>) : (value as Partial<T>);
}

/** The own enumerable properties of `value` in a plain object, or an empty one when reading them throws. */
function copyOf(value: Record<PropertyKey, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  try {
    for (const key of Object.keys(value)) copy[key] = value[key];
    return copy;
  } catch {
    return {};
  }
}

/** `String(value)` for messages and names; never throws (`Object.create(null)`, a throwing `toString`). */
export function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {
      return '[unprintable value]'; // a revoked Proxy
    }
  }
}
