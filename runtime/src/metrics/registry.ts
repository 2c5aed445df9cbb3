/**
 * The registry: declared structs, their families in declaration order, registry-wide options, self
 * metrics, sliding-window timers. Implements the cold paths families call (`FamilyHost`).
 */
import { DEFAULT_MAX_SERIES_PER_METRIC } from '../conventions';
import { clockWithNow, SYSTEM_CLOCK } from '../internal/clock';
import type { Clock } from '../internal/clock';
import { describeError, diag, diagOnce } from '../internal/diag';
import { isObject, isThenable, optionsOf, safeString } from '../internal/is';
import { CounterFamily, LabelledCounterMetric, UnlabelledCounterMetric } from './counter';
import { spanExemplarSource } from './exemplar-source';
import type { ExemplarSource } from './exemplar-source';
import type { DropReason, FamilyBase, FamilyHost, FamilySpec } from './family';
import { GaugeFamily, LabelledGaugeMetric, UnlabelledGaugeMetric } from './gauge';
import { HistogramFamily, LabelledHistogramMetric, UnlabelledHistogramMetric } from './histogram';
import { NoopMetric } from './noop';
import type { ExpositionFormat, ExpositionStepper, MetricsRegistry, RegistryInit, RegistryOptions, RegistrySnapshot } from './registry-types';
import { isRejected, resolveDeclaration } from './resolve-declaration';
import type { ResolvedDeclaration } from './resolve-declaration';
import { SELF_METRICS, SelfMetrics, selfMetricName } from './self-metrics';
import { exposedFamilyNames, reservedFamilyNames } from './exposed-names';
import type { SelfMetricKey } from './self-metrics';
import { ExpositionSlices, serializeExposition, writeExposition } from '../export/exposition';
import { takeSnapshot } from './snapshot';
import type { Stats, StatsDeclarations } from './types';
import { resolveWindow, WindowManager } from './window';
import type { ResolvedWindow, SeriesWindow } from './window';

/** Default of {@link RegistryOptions.maxLabelValueLength}. */
export const DEFAULT_MAX_LABEL_VALUE_LENGTH = 2048;

/** Family names of the self metrics: no declaration may expose them. */
const RESERVED_NAMES = reservedFamilyNames();

/** Contract version of {@link MetricsRegistry} objects made here. */
export const REGISTRY_LAYOUT = 1;
const DEFAULT_WINDOW: ResolvedWindow = { seconds: 60, slots: 12 };

interface Entry {
  readonly signature: string;
  readonly family: FamilyBase;
  readonly metric: object;
}

/** The metrics registry implementation. */
export class Registry implements MetricsRegistry, FamilyHost {
  readonly layout = REGISTRY_LAYOUT;
  /** Families in declaration order (self metrics last, as they appear). */
  families: FamilyBase[] = [];
  private byKey = new Map<string, Entry>();
  private byName = new Map<string, string>();
  private structs = new Map<string, Record<string, object>>();
  private readonly self: SelfMetrics;
  private windows: WindowManager;
  private readonly autoRoll: boolean;
  readonly clock: Clock;
  readonly exemplars: ExemplarSource;
  private maxSeries = DEFAULT_MAX_SERIES_PER_METRIC;
  private maxLabelLength = DEFAULT_MAX_LABEL_VALUE_LENGTH;
  private defaultWindow = DEFAULT_WINDOW;
  private onError: RegistryOptions['onError'] = undefined;

  constructor(init: RegistryInit = {}) {
    this.clock = toClock(init.clock);
    this.exemplars = isExemplarSource(init.exemplars) ? init.exemplars : spanExemplarSource;
    this.autoRoll = init.autoRollWindows !== false;
    this.windows = new WindowManager(this.clock, this.autoRoll);
    this.self = new SelfMetrics((key) => this.createSelfFamily(key));
    this.configure(init);
  }

  configure(optionsArg: RegistryOptions): void {
    const options = optionsOf(optionsArg);
    const max = options.maxSeriesPerMetric;
    if (max !== undefined) {
      if (typeof max === 'number' && Number.isInteger(max) && max >= 1) this.maxSeries = max;
      else diag('warn', `maxSeriesPerMetric must be a positive integer; keeping ${this.maxSeries}`);
    }
    const maxLength = options.maxLabelValueLength;
    if (maxLength !== undefined) {
      if (typeof maxLength === 'number' && Number.isInteger(maxLength) && maxLength >= 1) this.maxLabelLength = maxLength;
      else diag('warn', `maxLabelValueLength must be a positive integer; keeping ${this.maxLabelLength}`);
    }
    const window = optionsOf(options.window);
    if (isObject(options.window)) this.defaultWindow = resolveWindow(window.seconds, window.slots, this.defaultWindow);
    const hook: unknown = options.onError;
    if (typeof hook === 'function') this.onError = hook as RegistryOptions['onError']; // checked callable; user-typed signature
  }

  defineStats<D extends StatsDeclarations>(component: string, declarations: D): Stats<D> {
    const struct: Record<string, object> = {};
    try {
      const comp = typeof component === 'string' ? component : safeString(component);
      if (!isObject(declarations)) diag('error', `defineStats("${comp}"): declarations must be an object of counter()/gauge()/histogram()`);
      else for (const key of Object.keys(declarations)) struct[key] = this.defineOne(comp, key, declarations[key]);
      const previous = this.structs.get(comp);
      if (previous && sameStruct(previous, struct)) return previous as Stats<D>; // built key by key from D
      Object.freeze(struct);
      this.structs.set(comp, struct);
    } catch (error) {
      diag('error', `defineStats("${safeString(component)}") failed: ${describeError(error)}`);
    }
    return struct as Stats<D>; // built key by key from D: each value is the metric for that declaration
  }

  private defineOne(component: string, key: string, declaration: unknown): object {
    const r = resolveDeclaration(component, key, declaration, this.defaultWindow);
    for (const w of r.warnings) diagOnce('warn', `${component}.${key}|${w.code}`, `${component}.${key}: ${w.message}`);
    if (isRejected(r)) {
      for (const e of r.errors) diag('error', `${component}.${key}: ${e.message}; this metric records nothing`);
      return new NoopMetric(r.name, r.kind, component, key, r.description, r.unit, r.labelNames);
    }
    const id = `${component}\u0000${key}`;
    const existing = this.byKey.get(id);
    if (existing && existing.signature === r.signature) return existing.metric;
    const names = exposedFamilyNames(r.spec);
    const clash = this.clashOf(names, id);
    if (clash !== undefined) {
      diagOnce('error', `${component}.${key}|name-clash`, `${component}.${key}: ${clash}; this metric records nothing (one duplicate family makes Prometheus reject the whole scrape)`);
      return new NoopMetric(r.spec.name, r.spec.kind, component, key, r.spec.description, r.spec.unit, r.spec.labelNames);
    }
    if (existing) {
      diag('warn', `${component}.${key} was re-declared with a different shape; the new declaration replaces it`);
      this.retire(id, existing.family);
    }
    const entry = this.createEntry(r);
    this.byKey.set(id, entry);
    for (const name of names) this.byName.set(name, id);
    this.families.push(entry.family);
    return entry.metric;
  }

  /** Drops a replaced family: from the exposition, from the window timers, and its exposed name. */
  private retire(id: string, family: FamilyBase): void {
    this.families = this.families.filter((f) => f !== family);
    this.windows.untrack(family);
    family.windows = undefined;
    for (const name of exposedFamilyNames(family.spec)) if (this.byName.get(name) === id) this.byName.delete(name);
  }

  /** Why `names` cannot be exposed by declaration `id`, or undefined when they are all free. */
  private clashOf(names: readonly string[], id: string): string | undefined {
    for (const name of names) {
      if (RESERVED_NAMES.has(name)) return `the exposed family ${name} belongs to Statscope's own metrics`;
      const owner = this.byName.get(name);
      if (owner !== undefined && owner !== id) return `the exposed family ${name} is already exposed by ${owner.replace('\u0000', '.')}`;
    }
    return undefined;
  }

  private createEntry(r: ResolvedDeclaration): Entry {
    const labelled = r.spec.labelNames.length > 0;
    switch (r.spec.kind) {
      case 'counter': {
        const family = new CounterFamily(r.spec, this);
        return { signature: r.signature, family, metric: labelled ? new LabelledCounterMetric(family) : new UnlabelledCounterMetric(family) };
      }
      case 'gauge': {
        const family = new GaugeFamily(r.spec, this);
        return { signature: r.signature, family, metric: labelled ? new LabelledGaugeMetric(family) : new UnlabelledGaugeMetric(family) };
      }
      case 'histogram': {
        const family = new HistogramFamily(r.spec, this, r.bounds);
        return { signature: r.signature, family, metric: labelled ? new LabelledHistogramMetric(family) : new UnlabelledHistogramMetric(family) };
      }
    }
  }

  private createSelfFamily(key: SelfMetricKey): CounterFamily {
    const def = SELF_METRICS[key];
    const name = selfMetricName(key);
    const spec: FamilySpec = {
      name,
      component: 'statscope',
      key,
      kind: 'counter',
      description: def.description,
      unit: undefined,
      labelNames: def.labels,
      maxSeries: 100_000,
      window: this.defaultWindow,
      exportWindow: false,
      isSelf: true,
    };
    const family = new CounterFamily(spec, this);
    this.families.push(family);
    return family;
  }

  serialize(format: ExpositionFormat): string {
    return this.serializeToBuffer(format).toString('utf8');
  }

  serializeToBuffer(format: ExpositionFormat): Buffer {
    try {
      return serializeExposition(this.families, format === 'openmetrics' ? 'openmetrics' : 'prometheus', this.clock.now());
    } catch (error) {
      diag('error', `serializing metrics failed: ${describeError(error)}`);
      return Buffer.from(format === 'openmetrics' ? '# EOF\n' : '');
    }
  }

  writeExposition(format: ExpositionFormat, sink: (chunk: Buffer) => void): boolean {
    try {
      writeExposition(this.families, format === 'openmetrics' ? 'openmetrics' : 'prometheus', this.clock.now(), sink);
      return true;
    } catch (error) {
      diag('error', `serializing metrics failed: ${describeError(error)}`);
      return false;
    }
  }

  exposeInSlices(format: ExpositionFormat, sink: (chunk: Buffer) => void): ExpositionStepper {
    let slices: ExpositionSlices | undefined;
    const stepper = {
      failed: false,
      step(budgetBytes: number): boolean {
        try {
          slices ??= new ExpositionSlices(families(), format === 'openmetrics' ? 'openmetrics' : 'prometheus', clock.now(), sink);
          return slices.step(budgetBytes);
        } catch (error) {
          diag('error', `serializing metrics failed: ${describeError(error)}`);
          stepper.failed = true;
          return true;
        }
      },
    };
    const families = (): readonly FamilyBase[] => this.families;
    const clock = this.clock;
    return stepper;
  }

  snapshot(): RegistrySnapshot {
    try {
      return takeSnapshot(this.families, this.clock.now());
    } catch (error) {
      diag('error', `snapshot of metrics failed: ${describeError(error)}`);
      return { timeMs: Date.now(), families: [] };
    }
  }

  metricNames(): string[] {
    return this.families.map((f) => f.spec.name);
  }

  clear(): void {
    this.families = [];
    this.byKey = new Map();
    this.byName = new Map();
    this.structs = new Map();
    this.self.clear();
    this.windows.stop();
    this.windows = new WindowManager(this.clock, this.autoRoll);
  }

  /** Test hook: number of series whose windows are rolled. */
  trackedWindows(): number {
    return this.windows.trackedCount();
  }

  /** Rolls every sliding window now (with `autoRollWindows: false` and an injected clock, in tests). */
  rollWindows(): void {
    this.windows.rollAll();
  }

  // FamilyHost: cold paths.

  drop(family: FamilyBase, reason: DropReason, detail: string): void {
    if (family.spec.isSelf) return;
    const name = family.spec.name;
    this.self.count('droppedSamples', [name, reason]);
    diagOnce('warn', `${name}|${reason}`, `metric ${name}: dropped a sample (${reason}: ${detail}); counted in statscope_dropped_samples_total, further drops are not logged`);
  }

  maxLabelValueLength(): number {
    return this.maxLabelLength;
  }

  truncated(family: FamilyBase): void {
    const name = family.spec.name;
    this.self.count('truncatedLabelValues', [name]);
    diagOnce('warn', `${name}|truncated`, `metric ${name}: a label value longer than ${this.maxLabelLength} characters was truncated (counted in statscope_truncated_label_values_total, further ones are not logged)`);
  }

  overflowed(family: FamilyBase): void {
    const name = family.spec.name;
    this.self.count('cardinalityOverflow', [name]);
    diagOnce('warn', `${name}|overflow`, `metric ${name}: more than ${family.spec.maxSeries ?? this.maxSeries} label sets; new ones go to the overflow series (counted in statscope_cardinality_overflow_total)`);
  }

  defaultMaxSeries(): number {
    return this.maxSeries;
  }

  now(): number {
    return this.clock.now();
  }

  track(family: FamilyBase, offset: number, withHistory: boolean): SeriesWindow {
    return this.windows.track(family, offset, family.spec.window, withHistory ? family.createdMs : undefined);
  }

  /** Counts and reports a failed callback; never throws (it runs inside record calls and promise handlers). */
  callbackFailed(family: FamilyBase, error: unknown): void {
    const name = family.spec.name;
    try {
      this.self.count('callbackErrors', [name]);
      diagOnce('error', `${name}|callback`, `metric ${name}: a callback failed: ${describeError(error)}; counted in statscope_callback_errors_total, further failures are not logged`);
    } catch {
      // A diag logger that throws: the failure cannot be reported, and must not reach the program either.
    }
    const hook = this.onError;
    if (hook === undefined) return;
    try {
      const result: unknown = hook(error, name);
      if (isThenable(result)) result.then(undefined, () => undefined);
    } catch {
      // The user's error hook failed too; the failure is already counted and logged.
    }
  }
}

function isExemplarSource(value: unknown): value is ExemplarSource {
  return isObject(value) && typeof value['open'] === 'number' && typeof value['timeMs'] === 'number' && typeof value['active'] === 'function';
}

function toClock(clock: RegistryInit['clock']): Clock {
  if (typeof clock === 'function') return clockWithNow(clock);
  return isObject(clock) && typeof clock.now === 'function' && typeof clock.schedule === 'function' && typeof clock.cancel === 'function' ? clock : SYSTEM_CLOCK;
}

function sameStruct(a: Record<string, object>, b: Record<string, object>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
