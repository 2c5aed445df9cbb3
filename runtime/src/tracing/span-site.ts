/**
 * Per-call-site `code.*` attributes, prebuilt once, without a stack capture per span.
 *
 * Span names are nearly always string literals, one per call site, so sites are cached by name: the
 * first span of a name captures its caller's location, and later spans of that name reuse it. To stay
 * correct when one name is used at several call sites, the location is re-captured on the 2nd, 4th,
 * 8th, ... 1024th span of a name and then every 1024th; once two sites are seen, that name captures
 * its location on every span (correct, at the cost of one stack frame capture).
 */
import type { Attributes } from '@opentelemetry/api';
import { captureFrame, frameKey, locationOf } from './call-site';
import type { CodeLocation } from './call-site';
import { logOnce } from '../log/internal';

/** Prebuilt span options for one call site. */
export interface SpanSite {
  /** The code.* attributes (frozen). */
  readonly attributes: Attributes;
  readonly location: CodeLocation | undefined;
}

interface NameEntry {
  readonly primary: SpanSite;
  readonly primaryKey: string;
  calls: number;
  nextCheck: number;
  /** Set once the name was seen at two call sites. */
  bySite: Map<string, SpanSite> | undefined;
}

type StackFunction = (...args: never[]) => unknown;

/** The property under which a span carries its site until export (shared by every copy of the runtime). */
// Cast: Symbol.for returns `symbol`; a `unique symbol` type lets it key an interface.
export const SITE_KEY: unique symbol = Symbol.for('statscope.span-site.v1') as never;

/** A span (any object) that may carry its site. */
interface SiteCarrier {
  [SITE_KEY]?: SpanSite | undefined;
}

/** Remembers `site` on `span` (a few ns; the attributes are added at export by `applySite`). */
export function attachSite(span: object, site: SpanSite): void {
  // Cast: any object can carry the optional symbol property.
  (span as SiteCarrier)[SITE_KEY] = site;
}

/** Adds the code.* attributes a span carries (keeping any the program set itself). */
export function applySite(span: { readonly attributes: Record<string, unknown> }): void {
  // Cast: any object can carry the optional symbol property.
  const carrier = span as SiteCarrier;
  const site = carrier[SITE_KEY];
  if (site === undefined) return;
  carrier[SITE_KEY] = undefined;
  for (const key of Object.keys(site.attributes)) {
    if (span.attributes[key] === undefined) span.attributes[key] = site.attributes[key];
  }
}

const MAX_NAMES = 10_000;
const MAX_SITES_PER_NAME = 256;
const CHECK_EVERY = 1024;
const entries = new Map<string, NameEntry>();
const NO_LOCATION: SpanSite = Object.freeze({ attributes: Object.freeze({}), location: undefined });

/** The site of the code that called `skip` to create a span named `name`. Never throws. */
export function siteFor(name: string, skip: StackFunction): SpanSite {
  const entry = entries.get(name);
  if (entry === undefined) return firstSite(name, skip);
  if (entry.bySite !== undefined) return siteOfFrame(entry, captureFrame(skip));
  if (++entry.calls !== entry.nextCheck) return entry.primary;
  entry.nextCheck = entry.nextCheck < CHECK_EVERY ? entry.nextCheck * 2 : entry.nextCheck + CHECK_EVERY;
  const frame = captureFrame(skip);
  if (frame === undefined || frameKey(frame) === entry.primaryKey) return entry.primary;
  entry.bySite = new Map([[entry.primaryKey, entry.primary]]);
  const site = siteOfFrame(entry, frame);
  logOnce(
    `span-name-sites:${name}`,
    'debug',
    `span name ${JSON.stringify(name)} is created at more than one call site (${describe(entry.primary.location)} and ${describe(site.location)}); each span of it now captures its location, which costs about as much as the span. Give each call site its own span name to avoid that.`,
  );
  return site;
}

/** A site for a known location (decorators capture theirs once, at class definition). */
export function siteAt(location: CodeLocation | undefined, functionName?: string): SpanSite {
  if (location === undefined) return NO_LOCATION;
  const attributes: Attributes = Object.freeze({
    'code.filepath': location.filepath,
    'code.lineno': location.lineno,
    ...(functionName ?? location.functionName ? { 'code.function': functionName ?? location.functionName } : {}),
  });
  return Object.freeze({ attributes, location });
}

function firstSite(name: string, skip: StackFunction): SpanSite {
  const frame = captureFrame(skip);
  const site = siteAt(frame === undefined ? undefined : locationOf(frame));
  if (entries.size < MAX_NAMES) {
    entries.set(name, { primary: site, primaryKey: frame === undefined ? '' : frameKey(frame), calls: 1, nextCheck: 2, bySite: undefined });
  } else {
    logOnce('span-name-cache-full', 'debug', `more than ${MAX_NAMES} distinct span names; names past that capture their location on every span. Prefer fixed span names with attributes for the variable part.`);
  }
  return site;
}

function siteOfFrame(entry: NameEntry, frame: NodeJS.CallSite | undefined): SpanSite {
  if (frame === undefined || entry.bySite === undefined) return entry.primary;
  const key = frameKey(frame);
  let site = entry.bySite.get(key);
  if (site === undefined) {
    site = siteAt(locationOf(frame));
    if (entry.bySite.size < MAX_SITES_PER_NAME) entry.bySite.set(key, site);
  }
  return site;
}

function describe(location: CodeLocation | undefined): string {
  return location === undefined ? 'unknown' : `${location.filepath}:${location.lineno}`;
}
