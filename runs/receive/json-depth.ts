/**
 * A nesting-depth check for JSON bodies, run before `JSON.parse`: a few megabytes of `[[[[…` make
 * the parser build millions of nested arrays (gigabytes, seconds of a blocked event loop) that the
 * decoder would refuse anyway. One pass over the bytes with a counter, no recursion and no
 * allocation; strings are skipped, so brackets inside them do not count. Pure.
 */

/**
 * Deepest nesting accepted in an OTLP/JSON body. The envelope takes about ten levels and each
 * nested attribute value (at most 32 levels, see the decoders) four, so real payloads stay far below.
 */
export const MAX_JSON_DEPTH = 256;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether `body` nests objects and arrays no deeper than `maxDepth`. Stops at the first byte past
 * the limit, so a hostile body costs only as much as its first `maxDepth` brackets. Says nothing
 * about the body being valid JSON: the parser decides that.
 */
export function isJsonDepthWithin(body: Buffer, maxDepth: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  const length = body.length;
  for (let i = 0; i < length; i++) {
    const byte = body[i] as number;
    if (byte === QUOTE) {
      // Skip the string (most of a body's bytes) with a native search for its closing quote.
      i = closingQuote(body, i + 1);
      if (i < 0) return true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > maxDepth) return false;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return true;
}

/** The index of the first quote from `from` that no backslash escapes; -1 when the string never ends. */
function closingQuote(body: Buffer, from: number): number {
  let end = body.indexOf(QUOTE, from);
  while (end > 0 && isEscaped(body, end)) end = body.indexOf(QUOTE, end + 1);
  return end;
}

/** Whether the byte at `at` follows an odd number of backslashes. */
function isEscaped(body: Buffer, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && body[i] === BACKSLASH; i--) backslashes++;
  return backslashes % 2 === 1;
}
