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

/** True for a thenable (a promise-like), so its rejection can be handled. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return isObject(value) && typeof value['then'] === 'function';
}
