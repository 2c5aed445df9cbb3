/**
 * Where a JSON text (RFC 8259) stops being valid, found by a small scanner instead of a parser's message:
 * V8's messages carry a position only for some errors, differ between Node versions, and may quote the
 * text (which can hold header values); the Python runtime's parser reports other positions. This scanner
 * has a twin in runtime/python/statscope/config.py, so both runtimes name the same character.
 *
 * Iterative (a stack of open brackets), so deep nesting costs no call stack.
 */

type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'commaOrClose' | 'end';

/**
 * The index (UTF-16 code units) of the first character that no valid JSON text can have at that place,
 * the text's length when it ends too early, or -1 when the text is valid JSON.
 */
export function jsonErrorIndex(text: string): number {
  const open: string[] = [];
  let expect: Expect = 'value';
  let i = 0;
  for (;;) {
    while (i < text.length && isJsonSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) return expect === 'end' ? -1 : text.length;
    const c = text[i] as string;
    const top = open[open.length - 1];
    if (expect === 'end') return i;
    if (expect === 'colon') {
      if (c !== ':') return i;
      i++;
      expect = 'value';
      continue;
    }
    if (expect === 'commaOrClose' || (expect === 'keyOrClose' && c === '}') || (expect === 'valueOrClose' && c === ']')) {
      if (c === ',' && expect === 'commaOrClose') {
        i++;
        expect = top === '{' ? 'key' : 'value';
        continue;
      }
      if (c !== (top === '{' ? '}' : ']')) return i;
      open.pop();
      i++;
      expect = open.length === 0 ? 'end' : 'commaOrClose';
      continue;
    }
    if (expect === 'key' || expect === 'keyOrClose') {
      if (c !== '"') return i;
      const next = scanString(text, i);
      if (next < 0) return ~next;
      i = next;
      expect = 'colon';
      continue;
    }
    if (c === '{' || c === '[') {
      open.push(c);
      i++;
      expect = c === '{' ? 'keyOrClose' : 'valueOrClose';
      continue;
    }
    const next = c === '"' ? scanString(text, i) : c === '-' || isDigit(c) ? scanNumber(text, i) : scanLiteral(text, i);
    if (next < 0) return ~next;
    i = next;
    expect = open.length === 0 ? 'end' : 'commaOrClose';
  }
}

/** Scanners return the index after the token, or `~index` of the error. */
function scanString(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    if (i >= text.length) return ~text.length;
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return ~i;
    if (code !== 0x5c) {
      i++;
      continue;
    }
    if (i + 1 >= text.length) return ~text.length;
    const escape = text[i + 1] as string;
    if ('"\\/bfnrt'.includes(escape)) {
      i += 2;
      continue;
    }
    if (escape !== 'u') return ~(i + 1);
    for (let k = i + 2; k < i + 6; k++) {
      if (k >= text.length) return ~text.length;
      if (!/[0-9a-fA-F]/.test(text[k] as string)) return ~k;
    }
    i += 6;
  }
}

function scanNumber(text: string, start: number): number {
  let i = start;
  if (text[i] === '-') i++;
  if (i >= text.length) return ~text.length;
  if (text[i] === '0') i++;
  else if (isDigit(text[i])) i = digits(text, i);
  else return ~i;
  if (text[i] === '.') {
    i++;
    if (i >= text.length) return ~text.length;
    if (!isDigit(text[i])) return ~i;
    i = digits(text, i);
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    if (i >= text.length) return ~text.length;
    if (!isDigit(text[i])) return ~i;
    i = digits(text, i);
  }
  return i;
}

function scanLiteral(text: string, start: number): number {
  const word = text[start] === 't' ? 'true' : text[start] === 'f' ? 'false' : text[start] === 'n' ? 'null' : undefined;
  if (word === undefined) return ~start;
  for (let k = 1; k < word.length; k++) {
    if (start + k >= text.length) return ~text.length;
    if (text[start + k] !== word[k]) return ~(start + k);
  }
  return start + word.length;
}

function digits(text: string, start: number): number {
  let i = start;
  while (isDigit(text[i])) i++;
  return i;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
