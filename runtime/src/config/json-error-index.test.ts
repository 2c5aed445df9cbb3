import assert from 'node:assert/strict';
import { jsonErrorIndex } from './json-error-index';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('jsonErrorIndex', () => {
  it('finds the first character no valid JSON text can have there, or the end when the text stops early', () => {
    const cases: [string, number][] = [
      ['{not json', 1],
      ['{"x-api-key": secret}', 14],
      ['{"x-api-key":"secret",}', 22],
      ['{"a":"b"', 8],
      ['{"a":"b', 7],
      ['', 0],
      ['  ', 2],
      ['{"a" "b"}', 5],
      ['{"a":"b"}x', 9],
      ['{"a":1.}', 7],
      ['{"a":-}', 6],
      ['{"a":1e}', 7],
      ['{"a":1e+}', 8],
      ['{"a":"\\x"}', 7],
      ['{"a":"\\u12"}', 10],
      ['{"a":"\t"}', 6],
      ['{"a":tru}', 8],
      ['[1,]', 3],
      ['{"a":01}', 6],
      ['{"é😀":x}', 7],
      ['\u00a0{}', 0],
      ['{"a":NaN}', 5],
      ['[[[[', 4],
      ['{"a":[1,2}', 9],
      ['{}}', 2],
    ];
    for (const [text, index] of cases) {
      assert.equal(jsonErrorIndex(text), index, JSON.stringify(text));
      assert.equal(parses(text), false, JSON.stringify(text));
    }
  });

  it('accepts what JSON.parse accepts', () => {
    for (const text of ['{}', ' [ ] ', '"x"', '0', '-0.5e-3', '1E+2', 'true', 'null', '{"a":[1,{"b":"\\u00e9\\n"}],"c":false}', '[' + '['.repeat(5000) + ']'.repeat(5000) + ']']) {
      assert.equal(jsonErrorIndex(text), -1, text.slice(0, 40));
      assert.ok(parses(text));
    }
  });

  it('agrees with JSON.parse on random texts, and with its position whenever its message gives one', () => {
    const alphabet = ['{', '}', '[', ']', '"', ':', ',', ' ', '0', '1', '-', '.', 'e', 't', 'r', 'u', 'n', 'a', '\\', 'x'];
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let run = 0; run < 20000; run++) {
      let text = '';
      const length = 1 + random(10);
      for (let k = 0; k < length; k++) text += alphabet[random(alphabet.length)];
      let message = '';
      try {
        JSON.parse(text);
      } catch (error) {
        message = (error as Error).message;
      }
      const index = jsonErrorIndex(text);
      assert.equal(index < 0, message === '', JSON.stringify(text));
      const position = /at position (\d+)/.exec(message)?.[1];
      if (position !== undefined) assert.equal(index, Number(position), `${JSON.stringify(text)}: ${message}`);
    }
  });
});
