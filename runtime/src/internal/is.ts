/** Type guards shared by the runtime: take `unknown`, narrow, never throw. */

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
  // Cast: reading a property of a non-null object or function is safe; its type is checked right here.
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * The options object a public function was given, or an empty one for `undefined`, `null` and other
 * non-objects (untyped callers), so that reading an option never throws.
 */
export function optionsOf<T extends object>(value: T | null | undefined): Partial<T> {
  // Cast: a non-null object stands for the caller's options; its fields are still checked one by one.
  return isObject(value) ? (value as Partial<T>) : {};
}

/** `String(value)` for messages and names; never throws (`Object.create(null)`, a throwing `toString`). */
export function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
