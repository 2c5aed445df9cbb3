/** Log attributes as OpenTelemetry attribute values (span events and OTLP log records share this). */
import type { AttributeValue, Attributes } from '@opentelemetry/api';
import type { LogAttributes } from './format';

/** The attributes that have an OTel value: Errors become `Type: message`, objects JSON, functions are left out. */
export function otelAttributes(attributes: LogAttributes | undefined, into: Attributes = {}): Attributes {
  if (attributes === undefined) return into;
  for (const [key, value] of Object.entries(attributes)) {
    const v = toAttributeValue(value);
    if (v !== undefined) into[key] = v;
  }
  return into;
}

function toAttributeValue(value: unknown): AttributeValue | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value === undefined || value === null || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value === 'bigint') return value.toString();
  if (isStringArray(value)) return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v: unknown) => typeof v === 'string');
}
