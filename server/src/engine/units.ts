/** Units across the three APIs: base-unit words (statscope, names) and UCUM codes (OpenTelemetry). */
import { BASE_UNITS, NON_BASE_UNITS, OTEL_UNITS } from '../../../runtime/src/conventions';
import type { UnitConversion } from '../../../runtime/src/conventions';
import type { ArgFact, MemberFact, MetricApi } from './facts';
import type { EditDescriptor } from './types';

/** UCUM codes OpenTelemetry instruments use that are not base units, with the conversion to the base. */
const UCUM_NON_BASE: ReadonlyMap<string, UnitConversion> = new Map(Object.entries({
  ms: { base: 'seconds', factor: 1e-3 },
  us: { base: 'seconds', factor: 1e-6 },
  ns: { base: 'seconds', factor: 1e-9 },
  min: { base: 'seconds', factor: 60 },
  h: { base: 'seconds', factor: 3600 },
  bit: { base: 'bytes', factor: 1 / 8 },
  kBy: { base: 'bytes', factor: 1e3 },
  KiBy: { base: 'bytes', factor: 1024 },
  MBy: { base: 'bytes', factor: 1e6 },
  MiBy: { base: 'bytes', factor: 1024 * 1024 },
  GBy: { base: 'bytes', factor: 1e9 },
  GiBy: { base: 'bytes', factor: 1024 * 1024 * 1024 },
}));

const UCUM_BASE: ReadonlyMap<string, string> = new Map(Object.entries(OTEL_UNITS).map(([word, code]) => [code, word]));

/** The conversion to a base unit when a declared unit is a known non-base unit. */
export function nonBaseUnit(unit: string, api: MetricApi): UnitConversion | undefined {
  if (baseUnitOf(unit, api) !== undefined) return undefined;
  if (api === 'otel') return UCUM_NON_BASE.get(unit) ?? NON_BASE_UNITS[unit.toLowerCase()];
  return NON_BASE_UNITS[unit.toLowerCase()];
}

/** The base-unit word a declared unit stands for (`s` → seconds for OTel), if it is a base unit. */
export function baseUnitOf(unit: string, api: MetricApi): string | undefined {
  if (BASE_UNITS[unit] !== undefined) return unit;
  return api === 'otel' ? UCUM_BASE.get(unit) : undefined;
}

/** How a unit is written for an API: the word for statscope, the UCUM code for OpenTelemetry. */
export function unitText(base: string, api: MetricApi): string {
  return api === 'otel' ? (OTEL_UNITS[base] ?? base) : base;
}

/** `n` rounded to 12 significant digits and printed as JavaScript source. */
export function formatNumber(n: number): string {
  return String(Number(n.toPrecision(12)));
}

/** Edits that multiply a value argument by `factor`: literals are computed, expressions get `/ 1000`. `fileName` when another file. */
export function convertValueEdits(arg: ArgFact, factor: number, fileName: string | undefined): EditDescriptor[] {
  const target = fileName !== undefined ? { fileName } : {};
  if (arg.number !== undefined) return [{ range: arg.range, newText: formatNumber(arg.number * factor), ...target }];
  const inverse = 1 / factor;
  const operator = Number.isInteger(Math.round(inverse * 1e6) / 1e6) && factor < 1 ? ` / ${formatNumber(inverse)}` : ` * ${formatNumber(factor)}`;
  const end = { range: { start: arg.range.end, end: arg.range.end }, newText: arg.isSimple ? operator : `)${operator}`, ...target };
  return arg.isSimple ? [end] : [{ range: { start: arg.range.start, end: arg.range.start }, newText: '(', ...target }, end];
}

/** The value arguments of the record calls in a chain (`add(v)`, `observe(v)`, prom-client `inc(labels, v)`). */
export function valueArgs(api: MetricApi, calls: readonly MemberFact[]): ArgFact[] {
  const out: ArgFact[] = [];
  for (const call of calls) {
    const args = call.args;
    if (!args) continue;
    if (api === 'prom-client' && ['inc', 'dec', 'set', 'observe'].includes(call.name)) {
      const value = args[0]?.objectKeys !== undefined ? args[1] : args[0];
      if (value && value.objectKeys === undefined) out.push(value);
    } else if (api !== 'prom-client' && ['add', 'set', 'observe', 'record'].includes(call.name) && args[0] && args[0].objectKeys === undefined) {
      out.push(args[0]);
    }
  }
  return out;
}
