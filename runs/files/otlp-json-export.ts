/**
 * Encodes a run as OTLP/JSON: hex ids, int64 values and timestamps as decimal strings, enums as
 * integers, lowerCamelCase names (the OTLP/HTTP JSON encoding). The file form is JSON Lines, one
 * `Export*ServiceRequest` per line, exactly what the OpenTelemetry Collector's file exporter writes
 * (and its `otlpjsonfile` receiver reads), so exported runs open in other tools too.
 */
import type { Attribute, AttributeValue, LogEntry, MetricPoint, ResourceInfo, ScopeInfo, SpanRecord } from '../store/model';
import type { Run } from '../store/run';
import { SPAN_KINDS } from '../store/record-defaults';
import { isKeyValueList } from '../store/attributes';
import { TEMPORALITIES } from '../decode/otlp-protobuf-metrics';
import type { MetricSeries } from '../store/metric-store';

type Json = Record<string, unknown>;

/** Spans per `ExportTraceServiceRequest` line (keeps lines of a huge run manageable). */
export const SPANS_PER_LINE = 5_000;

const STATUS_CODE_NUMBERS = { unset: 0, ok: 1, error: 2 } as const;

/** A JSON number, or the proto3 JSON string for NaN, the infinities and -0 (which a JSON number would lose). */
function double(value: number): number | string {
  if (Object.is(value, -0)) return '-0';
  if (Number.isFinite(value)) return value;
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
}

/** Encodes an attribute value as an OTLP/JSON `AnyValue`. */
export function anyValueJson(value: AttributeValue): Json {
  if (value === null) return {};
  switch (typeof value) {
    case 'string':
      return { stringValue: value };
    case 'boolean':
      return { boolValue: value };
    case 'bigint':
      return { intValue: value.toString() };
    case 'number':
      return { doubleValue: double(value) };
  }
  if (value instanceof Uint8Array) return { bytesValue: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (isKeyValueList(value)) return { kvlistValue: { values: attributesJson(value.kvlist) } };
  return { arrayValue: { values: value.map(anyValueJson) } };
}

export function attributesJson(attributes: readonly Attribute[]): Json[] {
  return attributes.map((a) => ({ key: a.key, value: anyValueJson(a.value) }));
}

function resourceJson(resource: ResourceInfo): Json {
  const out: Json = { attributes: attributesJson(resource.attributes) };
  if (resource.droppedAttributesCount > 0) out['droppedAttributesCount'] = resource.droppedAttributesCount;
  return out;
}

function scopeJson(scope: ScopeInfo): Json {
  const out: Json = { name: scope.name };
  if (scope.version !== '') out['version'] = scope.version;
  if (scope.attributes.length > 0) out['attributes'] = attributesJson(scope.attributes);
  return out;
}

function withSchema(out: Json, schemaUrl: string): Json {
  if (schemaUrl !== '') out['schemaUrl'] = schemaUrl;
  return out;
}

/** Groups records by their (shared) resource and scope objects, keeping first-seen order. */
function group<T extends { readonly resource: ResourceInfo; readonly scope: ScopeInfo }>(items: Iterable<T>): Map<ResourceInfo, Map<ScopeInfo, T[]>> {
  const byResource = new Map<ResourceInfo, Map<ScopeInfo, T[]>>();
  for (const item of items) {
    let byScope = byResource.get(item.resource);
    if (byScope === undefined) byResource.set(item.resource, (byScope = new Map()));
    const list = byScope.get(item.scope);
    if (list === undefined) byScope.set(item.scope, [item]);
    else list.push(item);
  }
  return byResource;
}

function request<T extends { readonly resource: ResourceInfo; readonly scope: ScopeInfo }>(
  items: Iterable<T>,
  keys: { resource: string; scope: string; records: string },
  encode: (records: T[]) => unknown[],
): Json {
  const blocks: Json[] = [];
  for (const [resource, byScope] of group(items)) {
    const scopes: Json[] = [];
    for (const [scope, records] of byScope) scopes.push(withSchema({ scope: scopeJson(scope), [keys.records]: encode(records) }, scope.schemaUrl));
    blocks.push(withSchema({ resource: resourceJson(resource), [keys.scope]: scopes }, resource.schemaUrl));
  }
  return { [keys.resource]: blocks };
}

export function spanJson(s: SpanRecord): Json {
  const out: Json = {
    traceId: s.traceId,
    spanId: s.sharedSpanId ?? s.spanId,
    name: s.name,
    kind: SPAN_KINDS.indexOf(s.kind),
    startTimeUnixNano: s.startTimeUnixNano.toString(),
    endTimeUnixNano: s.endTimeUnixNano.toString(),
    attributes: attributesJson(s.attributes),
    status: s.status.message === '' ? { code: STATUS_CODE_NUMBERS[s.status.code] } : { code: STATUS_CODE_NUMBERS[s.status.code], message: s.status.message },
  };
  if (s.parentSpanId !== undefined) out['parentSpanId'] = s.parentSpanId;
  if (s.traceState !== '') out['traceState'] = s.traceState;
  if (s.flags !== 0) out['flags'] = s.flags;
  if (s.events.length > 0) {
    out['events'] = s.events.map((e) => ({ timeUnixNano: e.timeUnixNano.toString(), name: e.name, attributes: attributesJson(e.attributes), ...(e.droppedAttributesCount > 0 ? { droppedAttributesCount: e.droppedAttributesCount } : {}) }));
  }
  if (s.links.length > 0) {
    out['links'] = s.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId, traceState: l.traceState, attributes: attributesJson(l.attributes), flags: l.flags }));
  }
  if (s.droppedAttributesCount > 0) out['droppedAttributesCount'] = s.droppedAttributesCount;
  if (s.droppedEventsCount > 0) out['droppedEventsCount'] = s.droppedEventsCount;
  if (s.droppedLinksCount > 0) out['droppedLinksCount'] = s.droppedLinksCount;
  return out;
}

function pointJson(p: MetricPoint): Json {
  const out: Json = { attributes: attributesJson(p.attributes), timeUnixNano: p.timeUnixNano.toString() };
  if (p.startTimeUnixNano !== 0n) out['startTimeUnixNano'] = p.startTimeUnixNano.toString();
  if (p.flags !== 0) out['flags'] = p.flags;
  const optional = (key: string, value: number | undefined): void => {
    if (value !== undefined) out[key] = double(value);
  };
  switch (p.type) {
    case 'number':
      if (p.isInt) out['asInt'] = String(Math.trunc(p.value));
      else out['asDouble'] = double(p.value);
      break;
    case 'histogram':
      out['count'] = String(p.count);
      optional('sum', p.sum);
      optional('min', p.min);
      optional('max', p.max);
      out['bucketCounts'] = p.bucketCounts.map(String);
      out['explicitBounds'] = p.explicitBounds.map(double);
      break;
    case 'exponentialHistogram':
      out['count'] = String(p.count);
      optional('sum', p.sum);
      optional('min', p.min);
      optional('max', p.max);
      out['scale'] = p.scale;
      out['zeroCount'] = String(p.zeroCount);
      if (p.zeroThreshold !== 0) out['zeroThreshold'] = double(p.zeroThreshold);
      out['positive'] = { offset: p.positive.offset, bucketCounts: p.positive.bucketCounts.map(String) };
      out['negative'] = { offset: p.negative.offset, bucketCounts: p.negative.bucketCounts.map(String) };
      break;
    case 'summary':
      out['count'] = String(p.count);
      out['sum'] = double(p.sum);
      out['quantileValues'] = p.quantiles.map((q) => ({ quantile: double(q.quantile), value: double(q.value) }));
      break;
  }
  if ((p.type === 'number' || p.type === 'histogram') && p.exemplars !== undefined && p.exemplars.length > 0) {
    out['exemplars'] = p.exemplars.map((e) => ({ timeUnixNano: e.timeUnixNano.toString(), asDouble: double(e.value), traceId: e.traceId, spanId: e.spanId, filteredAttributes: attributesJson(e.filteredAttributes) }));
  }
  return out;
}

/** One OTLP `Metric` per metric name and kind, with the kept points of all its series. */
function metricsJson(series: readonly MetricSeries[]): Json[] {
  const byMetric = new Map<string, MetricSeries[]>();
  for (const s of series) {
    const key = `${s.kind}\u0000${s.name}`;
    const list = byMetric.get(key);
    if (list === undefined) byMetric.set(key, [s]);
    else list.push(s);
  }
  return [...byMetric.values()].map((list) => {
    const first = list[0] as MetricSeries;
    const data: Json = { dataPoints: list.flatMap((s) => s.points().map(pointJson)) };
    if (first.kind === 'sum' || first.kind === 'histogram' || first.kind === 'exponentialHistogram') data['aggregationTemporality'] = TEMPORALITIES.indexOf(first.temporality);
    if (first.kind === 'sum') data['isMonotonic'] = first.isMonotonic;
    const out: Json = { name: first.name, [first.kind]: data };
    if (first.description !== '') out['description'] = first.description;
    if (first.unit !== '') out['unit'] = first.unit;
    return out;
  });
}

function logJson(e: LogEntry): Json {
  const out: Json = {
    timeUnixNano: e.timeUnixNano.toString(),
    observedTimeUnixNano: e.observedTimeUnixNano.toString(),
    severityNumber: e.severityNumber,
    attributes: attributesJson(e.attributes),
  };
  if (e.severityText !== '') out['severityText'] = e.severityText;
  if (e.body !== null) out['body'] = anyValueJson(e.body);
  if (e.traceId !== undefined) out['traceId'] = e.traceId;
  if (e.spanId !== undefined) out['spanId'] = e.spanId;
  if (e.flags !== 0) out['flags'] = e.flags;
  if (e.eventName !== '') out['eventName'] = e.eventName;
  if (e.droppedAttributesCount > 0) out['droppedAttributesCount'] = e.droppedAttributesCount;
  return out;
}

/**
 * The `Export*ServiceRequest` objects of a run: spans in chunks of {@link SPANS_PER_LINE}, then one
 * metrics request (the recent points kept per series; totals survive in cumulative points), then
 * one logs request. Empty signals are left out.
 */
export function runToOtlpRequests(run: Run): Json[] {
  const requests: Json[] = [];
  let chunk: SpanRecord[] = [];
  const flush = (): void => {
    if (chunk.length === 0) return;
    requests.push(request(chunk, { resource: 'resourceSpans', scope: 'scopeSpans', records: 'spans' }, (spans) => spans.map(spanJson)));
    chunk = [];
  };
  for (const span of run.spans()) {
    chunk.push(span);
    if (chunk.length >= SPANS_PER_LINE) flush();
  }
  flush();
  const series = run.metrics.series();
  if (series.length > 0) requests.push(request(series, { resource: 'resourceMetrics', scope: 'scopeMetrics', records: 'metrics' }, metricsJson));
  const logs = run.logs.entries();
  if (logs.length > 0) requests.push(request(logs, { resource: 'resourceLogs', scope: 'scopeLogs', records: 'logRecords' }, (entries) => entries.map(logJson)));
  return requests;
}

/** The run as OTLP/JSON Lines text (one request per line, trailing newline). */
export function runToOtlpJsonLines(run: Run): string {
  return runToOtlpRequests(run)
    .map((r) => `${JSON.stringify(r)}\n`)
    .join('');
}
