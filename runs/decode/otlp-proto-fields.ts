/**
 * Field numbers of the OTLP protobuf messages the decoders read, named after the fields of the
 * `.proto` files (opentelemetry/proto/{common,resource,trace,metrics,logs}/v1 and collector/{trace,metrics,logs}/v1;
 * `trace_id` is `TraceId`). Const enums: the numbers are inlined where they are used, so a
 * `case SpanField.Name:` costs what `case 5:` costs.
 */

/** ExportTraceServiceRequest, ExportMetricsServiceRequest, ExportLogsServiceRequest. */
export const enum ExportRequestField {
  /** resource_spans, resource_metrics, resource_logs. */
  ResourceData = 1,
}

/** ResourceSpans, ResourceMetrics, ResourceLogs. */
export const enum ResourceDataField {
  Resource = 1,
  /** scope_spans, scope_metrics, scope_logs. */
  ScopeData = 2,
  SchemaUrl = 3,
}

/** ScopeSpans, ScopeMetrics, ScopeLogs. */
export const enum ScopeDataField {
  Scope = 1,
  /** spans, metrics, log_records. */
  Records = 2,
  SchemaUrl = 3,
}

export const enum AnyValueField {
  StringValue = 1,
  BoolValue = 2,
  IntValue = 3,
  DoubleValue = 4,
  ArrayValue = 5,
  KvlistValue = 6,
  BytesValue = 7,
}

/** ArrayValue and KeyValueList. */
export const enum ValuesField {
  Values = 1,
}

export const enum KeyValueField {
  Key = 1,
  Value = 2,
}

export const enum ResourceField {
  Attributes = 1,
  DroppedAttributesCount = 2,
}

export const enum InstrumentationScopeField {
  Name = 1,
  Version = 2,
  Attributes = 3,
  DroppedAttributesCount = 4,
}

export const enum SpanField {
  TraceId = 1,
  SpanId = 2,
  TraceState = 3,
  ParentSpanId = 4,
  Name = 5,
  Kind = 6,
  StartTimeUnixNano = 7,
  EndTimeUnixNano = 8,
  Attributes = 9,
  DroppedAttributesCount = 10,
  Events = 11,
  DroppedEventsCount = 12,
  Links = 13,
  DroppedLinksCount = 14,
  Status = 15,
  Flags = 16,
}

/** Span.Event. */
export const enum EventField {
  TimeUnixNano = 1,
  Name = 2,
  Attributes = 3,
  DroppedAttributesCount = 4,
}

/** Span.Link. */
export const enum LinkField {
  TraceId = 1,
  SpanId = 2,
  TraceState = 3,
  Attributes = 4,
  DroppedAttributesCount = 5,
  Flags = 6,
}

export const enum StatusField {
  Message = 2,
  Code = 3,
}

export const enum MetricField {
  Name = 1,
  Description = 2,
  Unit = 3,
  Gauge = 5,
  Sum = 7,
  Histogram = 9,
  ExponentialHistogram = 10,
  Summary = 11,
}

/** Gauge, Sum, Histogram, ExponentialHistogram, Summary (each has the fields it needs). */
export const enum MetricDataField {
  DataPoints = 1,
  AggregationTemporality = 2,
  IsMonotonic = 3,
}

/** Fields 2 and 3 of every data point type. */
export const enum PointTimeField {
  StartTimeUnixNano = 2,
  TimeUnixNano = 3,
}

export const enum NumberDataPointField {
  AsDouble = 4,
  Exemplars = 5,
  AsInt = 6,
  Attributes = 7,
  Flags = 8,
}

export const enum HistogramDataPointField {
  Count = 4,
  Sum = 5,
  BucketCounts = 6,
  ExplicitBounds = 7,
  Exemplars = 8,
  Attributes = 9,
  Flags = 10,
  Min = 11,
  Max = 12,
}

export const enum ExponentialHistogramDataPointField {
  Attributes = 1,
  Count = 4,
  Sum = 5,
  Scale = 6,
  ZeroCount = 7,
  Positive = 8,
  Negative = 9,
  Flags = 10,
  Min = 12,
  Max = 13,
  ZeroThreshold = 14,
}

/** ExponentialHistogramDataPoint.Buckets. */
export const enum BucketsField {
  Offset = 1,
  BucketCounts = 2,
}

export const enum SummaryDataPointField {
  Count = 4,
  Sum = 5,
  QuantileValues = 6,
  Attributes = 7,
  Flags = 8,
}

/** SummaryDataPoint.ValueAtQuantile. */
export const enum ValueAtQuantileField {
  Quantile = 1,
  Value = 2,
}

export const enum LogRecordField {
  TimeUnixNano = 1,
  SeverityNumber = 2,
  SeverityText = 3,
  Body = 5,
  Attributes = 6,
  DroppedAttributesCount = 7,
  Flags = 8,
  TraceId = 9,
  SpanId = 10,
  ObservedTimeUnixNano = 11,
  EventName = 12,
}

/** Exemplar (opentelemetry/proto/metrics/v1). */
export const enum ExemplarField {
  TimeUnixNano = 2,
  AsDouble = 3,
  SpanId = 4,
  TraceId = 5,
  AsInt = 6,
  FilteredAttributes = 7,
}
