/**
 * Span attributes read as one block: the run of consecutive attribute fields of a span is decoded
 * once per distinct byte sequence and shared, with the facts derived from it (source location,
 * unended mark), by every span that repeats it, as spans from one call site do. A block is cached
 * only once it repeats, so spans with unique attribute values cost nothing extra.
 */
import { NO_ATTRIBUTES, spanAttributeFacts } from '../store/attributes';
import { BytesCache, equalBytes } from './bytes-cache';
import { MAX_LIST_ITEMS, readKeyValueInto } from './otlp-protobuf-common';
import type { AttributeList } from './otlp-protobuf-common';
import type { ProtoReader } from './protobuf-reader';
import { NO_BLOCK } from '../store/span-source';
import type { AttributeBlock } from '../store/span-source';

/** Blocks larger than this are not cached. */
const MAX_BLOCK_BYTES = 4096;
const blocks = new BytesCache<AttributeBlock>(2048);

/** The last block read and its bytes: spans from one call site come in runs, so the next span often repeats it. */
let lastKey: DataView | undefined;
let lastLength = 0;
let lastBlock: AttributeBlock = NO_BLOCK;

/**
 * Reads the run of attribute fields (all with `tag`) starting at `tagStart`; the reader is just
 * past that first tag and ends after the run.
 */
export function readAttributeBlock(r: ProtoReader, tagStart: number, tag: number): AttributeBlock {
  // The same bytes as the last block, and no further attribute field right after them: the same run.
  const key = lastKey;
  if (key !== undefined && tag < 0x80) {
    const end = tagStart + lastLength;
    if (end <= r.end && (end === r.end || r.buf[end] !== tag) && equalBytes(key, r.view, tagStart, lastLength)) {
      r.pos = end;
      return lastBlock;
    }
  }
  const end = r.runEnd(tagStart, tag);
  const isCacheable = end - tagStart <= MAX_BLOCK_BYTES;
  if (isCacheable) {
    const hit = blocks.get(r.view, tagStart, end);
    if (hit !== undefined) {
      r.pos = end;
      lastKey = blocks.lastKey;
      lastLength = end - tagStart;
      lastBlock = hit;
      return hit;
    }
  }
  const list: AttributeList = { items: [], dropped: 0 };
  readKeyValueInto(r, list, 0);
  while (r.pos < end) {
    r.tag();
    readKeyValueInto(r, list, 0);
  }
  const attributes = list.items ?? NO_ATTRIBUTES;
  const block: AttributeBlock = { attributes, facts: spanAttributeFacts(attributes), dropped: list.dropped };
  if (isCacheable && list.dropped === 0 && attributes.length <= MAX_LIST_ITEMS && blocks.isRepeat(r.view, tagStart, end)) {
    blocks.set(r.view, tagStart, end, block);
    lastKey = blocks.lastKey;
    lastLength = end - tagStart;
    lastBlock = block;
  }
  return block;
}

/** Two blocks of one span (attribute fields interleaved with others: rare) as one. */
export function joinBlocks(a: AttributeBlock, b: AttributeBlock): AttributeBlock {
  const attributes = [...a.attributes, ...b.attributes];
  const kept = attributes.slice(0, MAX_LIST_ITEMS);
  return { attributes: kept, facts: spanAttributeFacts(kept), dropped: a.dropped + b.dropped + attributes.length - kept.length };
}
