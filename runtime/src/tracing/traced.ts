/**
 * `@traced(name?, level?)`: wraps a class method in `withSpan`. Works as a TypeScript 5 standard
 * decorator (the default, no compiler flag) and as a legacy `experimentalDecorators` decorator.
 * The call site is captured once, when the class is defined (the decorator line), so a traced call
 * costs no stack capture.
 */
import type { Span } from '@opentelemetry/api';
import type { SpanLevel } from '../config/types';
import { captureCallerLocation } from './call-site';
import type { CodeLocation } from './call-site';
import { siteAt } from './span-site';
import type { SpanSite } from './span-site';
import { rankOf, runInNewSpan } from './spans';
import { isRankEnabled } from './granularity';

type Method<This, Args extends unknown[], Return> = (this: This, ...args: Args) => Return;

/** The decorator `traced()` returns: standard (TS 5) or legacy (`experimentalDecorators`) form. */
export interface TracedDecorator {
  <This, Args extends unknown[], Return>(value: Method<This, Args, Return>, context: ClassMethodDecoratorContext<This, Method<This, Args, Return>>): Method<This, Args, Return>;
  (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): PropertyDescriptor;
}

/**
 * Traces every call of the decorated method as a span named `name` (default `ClassName.method`) at
 * `level` (default `operation`). Async methods are traced until their promise settles; throws and
 * rejections are recorded on the span.
 *
 * @example
 * class OrderService {
 *   @traced('orders.place')
 *   async place(order: Order) { ... }
 *
 *   @traced(undefined, 'detail')
 *   validate(order: Order) { ... }
 * }
 */
export function traced(name?: string, level?: SpanLevel): TracedDecorator;
/** `@traced` without parentheses (standard form): a span named `ClassName.method` at `operation`. */
export function traced<This, Args extends unknown[], Return>(value: Method<This, Args, Return>, context: ClassMethodDecoratorContext<This, Method<This, Args, Return>>): Method<This, Args, Return>;
/** `@traced` without parentheses (legacy form). */
export function traced(target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): PropertyDescriptor;
export function traced(first?: unknown, second?: unknown, third?: unknown): unknown {
  if ((isCallable(first) && isMethodContext(second)) || (isDescriptor(third) && (typeof second === 'string' || typeof second === 'symbol'))) {
    // Bare `@traced`: the decorator helpers call us; the location is the first frame past them.
    return decorator(undefined, rankOf('operation'), captureCallerLocation(traced, isDecoratorHelper))(first, second, isDescriptor(third) ? third : undefined);
  }
  const name = typeof first === 'string' ? first : undefined;
  const level = second === 'operation' || second === 'segment' || second === 'detail' ? second : 'operation';
  // Cast: one function serves both decorator forms; its runtime checks pick the form.
  return decorator(name, rankOf(level), captureCallerLocation(traced)) as TracedDecorator;
}

type Decorate = (value: unknown, contextOrKey: unknown, descriptor?: PropertyDescriptor) => unknown;

function decorator(name: string | undefined, rank: number, location: CodeLocation | undefined): Decorate {
  return function decorate(value: unknown, contextOrKey: unknown, descriptor?: PropertyDescriptor): unknown {
    try {
      if (isMethodContext(contextOrKey) && isCallable(value)) {
        return wrap(value, String(contextOrKey.name), undefined, name, rank, location);
      }
      if (descriptor !== undefined && isCallable(descriptor.value) && (typeof contextOrKey === 'string' || typeof contextOrKey === 'symbol')) {
        // Legacy form: `value` is the class (static method) or its prototype.
        const owner = typeof value === 'function' ? value.name : ownerOf(value);
        return { ...descriptor, value: wrap(descriptor.value, String(contextOrKey), owner, name, rank, location) };
      }
    } catch {
      // Fall through: an undecoratable target keeps its original method.
    }
    return descriptor ?? value;
  };
}

function wrap(method: (...args: unknown[]) => unknown, methodName: string, ownerName: string | undefined, spanName: string | undefined, rank: number, location: CodeLocation | undefined): (...args: unknown[]) => unknown {
  let site: SpanSite | undefined;
  let resolvedName: string | undefined;
  // `arguments` goes straight to apply: no array is allocated per call (STYLE §6, no rest arguments).
  return function tracedMethod(this: unknown): unknown {
    // eslint-disable-next-line prefer-rest-params -- see above
    if (!isRankEnabled(rank)) return method.apply(this, arguments as unknown as unknown[]); // IArguments is array-like
    if (site === undefined || resolvedName === undefined) {
      const owner = ownerName ?? ownerOf(this);
      const qualified = owner === undefined ? methodName : `${owner}.${methodName}`;
      resolvedName = spanName ?? qualified;
      site = siteAt(location, qualified);
    }
    // Cast: with `arguments` given, runInNewSpan applies `method` to them instead of passing a span.
    // eslint-disable-next-line prefer-rest-params -- see above
    return runInNewSpan(resolvedName, site, undefined, method as (span: Span) => unknown, this, arguments);
  };
}

function ownerOf(thisArg: unknown): string | undefined {
  if (typeof thisArg === 'function') return thisArg.name || undefined;
  // Cast: any non-null object may have a constructor with a name; both are checked optionally.
  if (typeof thisArg === 'object' && thisArg !== null) return (thisArg as { constructor?: { name?: string } }).constructor?.name || undefined;
  return undefined;
}

function isMethodContext(value: unknown): value is ClassMethodDecoratorContext {
  try {
    // Cast: a non-null object may have `kind`; its value is compared next.
    return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'method';
  } catch {
    return false; // a Proxy whose traps throw
  }
}

function isDescriptor(value: unknown): value is PropertyDescriptor {
  try {
    return typeof value === 'object' && value !== null && 'value' in value;
  } catch {
    return false; // a Proxy whose traps throw
  }
}

/** Frames of the decorator helpers emitted by tsc, esbuild and Babel. */
function isDecoratorHelper(frame: NodeJS.CallSite): boolean {
  return /^_{1,2}(esDecorate|decorate\w*|decoratorStart|applyDecs\w*|runInitializers)$|^_ts_decorate$/.test(frame.getFunctionName() ?? '');
}

function isCallable(value: unknown): value is (...args: unknown[]) => unknown {
  return typeof value === 'function';
}
