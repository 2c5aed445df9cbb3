/** Shared empty values of stored records, the OTLP span kinds, and the resource constructor. */
import { getStringAttribute, NO_ATTRIBUTES } from './attributes';
import type { Attribute, ResourceInfo, ScopeInfo, SpanEvent, SpanKind, SpanLink, SpanStatus } from './model';

/** Nanoseconds since the epoch to fractional milliseconds. */
export function nanosToMs(nanos: bigint): number {
  return Number(nanos) / 1e6;
}

export const NO_EVENTS: readonly SpanEvent[] = Object.freeze([]);
export const NO_LINKS: readonly SpanLink[] = Object.freeze([]);
export const UNSET_STATUS: SpanStatus = Object.freeze({ code: 'unset', message: '' });

/** OTLP span kind numbers, index = wire value. */
export const SPAN_KINDS: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

/** A resource record; `service.name` is looked up once here. */
export function makeResource(attributes: readonly Attribute[], droppedAttributesCount = 0, schemaUrl = ''): ResourceInfo {
  return { attributes, serviceName: getStringAttribute(attributes, 'service.name') ?? 'unknown_service', droppedAttributesCount, schemaUrl };
}

/** The resource used when a payload has none. */
export const EMPTY_RESOURCE: ResourceInfo = Object.freeze(makeResource(NO_ATTRIBUTES));

/** The scope used when a payload has none. */
export const EMPTY_SCOPE: ScopeInfo = Object.freeze({ name: '', version: '', attributes: NO_ATTRIBUTES, schemaUrl: '' });
