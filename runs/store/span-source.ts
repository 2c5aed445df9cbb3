/**
 * What a stored span's row refers to besides its own words: its attribute block (shared by spans
 * with the same attributes) and its source (resource, scope and the rarely-set fields).
 */
import { NO_ATTRIBUTES, spanAttributeFacts } from './attributes';
import type { SpanAttributeFacts } from './attributes';
import type { Attribute, ResourceInfo, ScopeInfo, SpanLink } from './model';
import { EMPTY_RESOURCE, EMPTY_SCOPE, NO_LINKS } from './record-defaults';

/** The decoded attributes of a span, with what they say about it; shared by every span with the same attributes. */
export interface AttributeBlock {
  readonly attributes: readonly Attribute[];
  readonly facts: SpanAttributeFacts;
  /** Attributes dropped by the decoder (past its list limit). */
  readonly dropped: number;
}

export const NO_BLOCK: AttributeBlock = Object.freeze({ attributes: NO_ATTRIBUTES, facts: spanAttributeFacts(NO_ATTRIBUTES), dropped: 0 });

/**
 * What spans have in common beyond their attributes: resource and scope (one source per OTLP
 * `ScopeSpans`), and the fields that are nearly always empty (a span setting one gets its own source).
 */
export interface SpanSource {
  readonly resource: ResourceInfo;
  readonly scope: ScopeInfo;
  readonly traceState: string;
  readonly links: readonly SpanLink[];
  /** `dropped_attributes_count` as sent (the decoder's own drops are in the attribute block). */
  readonly droppedAttributesCount: number;
  readonly droppedEventsCount: number;
  readonly droppedLinksCount: number;
}

/** A source with the rarely-set fields empty. */
export function baseSource(resource: ResourceInfo, scope: ScopeInfo): SpanSource {
  return { resource, scope, traceState: '', links: NO_LINKS, droppedAttributesCount: 0, droppedEventsCount: 0, droppedLinksCount: 0 };
}

/** Whether `source` has exactly these values. */
export function isSourceOf(source: SpanSource, resource: ResourceInfo, scope: ScopeInfo, traceState: string, links: readonly SpanLink[], droppedAttributesCount: number, droppedEventsCount: number, droppedLinksCount: number): boolean {
  return (
    source.resource === resource &&
    source.scope === scope &&
    source.traceState === traceState &&
    source.links === links &&
    source.droppedAttributesCount === droppedAttributesCount &&
    source.droppedEventsCount === droppedEventsCount &&
    source.droppedLinksCount === droppedLinksCount
  );
}

let lastSource: SpanSource = Object.freeze(baseSource(EMPTY_RESOURCE, EMPTY_SCOPE));

/** A source for these values: the previous one again when equal. */
export function spanSource(resource: ResourceInfo, scope: ScopeInfo, traceState: string, links: readonly SpanLink[], droppedAttributesCount: number, droppedEventsCount: number, droppedLinksCount: number): SpanSource {
  const list = links.length === 0 ? NO_LINKS : links;
  if (!isSourceOf(lastSource, resource, scope, traceState, list, droppedAttributesCount, droppedEventsCount, droppedLinksCount)) {
    lastSource = { resource, scope, traceState, links: list, droppedAttributesCount, droppedEventsCount, droppedLinksCount };
  }
  return lastSource;
}

let lastBlock: AttributeBlock = NO_BLOCK;

/** The attribute block of these attributes: the previous one again when they are the same list. */
export function blockOf(attributes: readonly Attribute[]): AttributeBlock {
  if (attributes.length === 0) return NO_BLOCK;
  if (lastBlock.attributes !== attributes) lastBlock = { attributes, facts: spanAttributeFacts(attributes), dropped: 0 };
  return lastBlock;
}
