import assert from 'node:assert/strict';
import { MAX_PROBLEMS, parseDotenv } from './dotenv';

describe('parseDotenv', () => {
  it('reads assignments, export, comments and blank lines', () => {
    const result = parseDotenv(['# a comment', '', 'A=1', 'export B=two', '  C = spaced  ', '\tD=\t', 'E=', '   # indented comment'].join('\n'));
    assert.deepEqual(result.env, { A: '1', B: 'two', C: 'spaced', D: '', E: '' });
    assert.deepEqual(result.problems, []);
  });

  it('reads single, double and backtick quotes', () => {
    const text = [`S='it is $HOME \\n literal'`, `D="tab\\there\\nnew \\"q\\" \\\\ \\x"`, 'B=`back \'n\' "forth"`', `H="# not a comment" # a comment`, `Q=" padded "`].join('\n');
    assert.deepEqual(parseDotenv(text).env, {
      S: 'it is $HOME \\n literal',
      D: 'tab\there\nnew "q" \\ \\x',
      B: `back 'n' "forth"`,
      H: '# not a comment',
      Q: ' padded ',
    });
  });

  it('keeps a # that does not follow whitespace, and strips one that does', () => {
    assert.deepEqual(parseDotenv('URL=http://host/#top\nPASS=a#b # the password').env, { URL: 'http://host/#top', PASS: 'a#b' });
  });

  it('reads quoted values over several lines and counts lines across them', () => {
    const result = parseDotenv('KEY="-----BEGIN-----\nabc\n-----END-----"\nNEXT=1\nbroken line');
    assert.equal(result.env['KEY'], '-----BEGIN-----\nabc\n-----END-----');
    assert.equal(result.env['NEXT'], '1');
    assert.deepEqual(result.problems, [{ line: 5, message: 'expected "=" after broken' }]);
  });

  it('handles CRLF, lone CR and a byte order mark', () => {
    assert.deepEqual(parseDotenv('\ufeffA=1\r\nB="x\r\ny"\rC=3').env, { A: '1', B: 'x\ny', C: '3' });
  });

  it('lets the last assignment of a key win', () => {
    assert.deepEqual(parseDotenv('A=1\nA=2').env, { A: '2' });
  });

  it('skips and reports malformed lines without guessing, and keeps going', () => {
    const text = ['GOOD=1', 'no equals sign', '=value without key', 'KEY: yaml style', 'BAD KEY=x', 'AFTER="x" trailing', 'export', 'UNTERMINATED="abc', 'STILL=ok'].join('\n');
    const result = parseDotenv(text);
    assert.deepEqual(result.env, { GOOD: '1', STILL: 'ok' });
    assert.deepEqual(
      result.problems.map((p) => [p.line, p.message]),
      [
        [2, 'expected "=" after no'],
        [3, 'expected KEY=VALUE, found "=value without key"'],
        [4, 'expected "=" after KEY'],
        [5, 'expected "=" after BAD'],
        [6, 'unexpected text after the quoted value of AFTER: "trailing"'],
        [7, 'expected "=" after export'],
        [8, 'the value of UNTERMINATED has no closing "'],
      ],
    );
    assert.equal(result.problemCount, 7);
  });

  it('an unterminated quote does not swallow the lines after it', () => {
    const result = parseDotenv("A='open\nB=2\nC=3");
    assert.deepEqual(result.env, { B: '2', C: '3' });
    assert.deepEqual(result.problems, [{ line: 1, message: "the value of A has no closing '" }]);
  });

  it('refuses hostile keys and NUL characters, and never touches prototypes', () => {
    const result = parseDotenv('__proto__=polluted\nconstructor=c\ntoString=t\nhasOwnProperty=h\nNUL="a\0b"\nRAW=a\0b\nOK=1');
    assert.deepEqual(Object.keys(result.env), ['constructor', 'toString', 'hasOwnProperty', 'OK']);
    assert.equal(Object.getPrototypeOf(result.env), Object.prototype);
    assert.equal(Object.hasOwn(result.env, '__proto__'), false);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.deepEqual(
      result.problems.map((p) => [p.line, p.message]),
      [
        [1, 'the key __proto__ is not allowed'],
        [5, 'the value of NUL contains a NUL character'],
        [6, 'the value of RAW contains a NUL character'],
      ],
    );
  });

  it('parses a large file in linear time and caps the problem list', () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) lines.push(i % 2 === 0 ? `KEY_${i}="value ${i} with \\n escapes"` : `garbage line ${i}`);
    const result = parseDotenv(lines.join('\n'));
    assert.equal(Object.keys(result.env).length, 50_000);
    assert.equal(result.env['KEY_99998'], 'value 99998 with \n escapes');
    assert.equal(result.problems.length, MAX_PROBLEMS);
    assert.equal(result.problemCount, 50_000);
    assert.equal(result.problems[MAX_PROBLEMS - 1]?.line, MAX_PROBLEMS * 2);
  });

  it('survives pathological input: one huge line, many quotes, lone backslashes', () => {
    const huge = `A=${'x'.repeat(2_000_000)}`;
    assert.equal(parseDotenv(huge).env['A']?.length, 2_000_000);
    const quotes = parseDotenv(`B="${'\\"'.repeat(100_000)}`);
    assert.equal(quotes.problemCount, 1, 'unterminated: every quote was escaped');
    assert.deepEqual(parseDotenv('C="ends with backslash\\').problems.length, 1);
    assert.deepEqual(parseDotenv(`D=${'#'.repeat(10_000)}`).env, { D: '#'.repeat(10_000) });
  });
});
