/**
 * Fuzzing the record API with bad input: a seeded random mix of good and bad values (NaN, ±Infinity,
 * negative counter increments, wrong types) and good, hostile and wrong label values. Nothing may throw,
 * good samples must be counted exactly (checked against a model), bad ones dropped and counted, and the
 * exposition must stay line-valid whatever the strings.
 */
import assert from 'node:assert/strict';
import { counter, gauge, histogram } from './declare';
import { createRegistry, defineStats } from './define-stats';

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GOOD_STRINGS = ['', 'ok', '"', '\\', '\n', '\\n', '"}\n# HELP x', 'ü✓😀', 'a=b,c="d"', ' ', '\t'];
const BAD_VALUES: unknown[] = [NaN, Infinity, -Infinity, '1', undefined, null, {}, [], () => 1, Symbol('x'), 10n];
const BAD_LABELS: unknown[] = [undefined, null, 42, 'str', {}, { a: undefined }, { a: null }, { a: {} }, { a: Symbol('s') }, { b: 'x' }, { a: NaN }];

/** One exposition line: a comment (HELP/TYPE/UNIT/EOF) or a sample with correctly escaped labels. */
const LABEL_VALUE = String.raw`"(?:[^"\\\n]|\\[\\"n])*"`;
const SAMPLE = new RegExp(String.raw`^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*=${LABEL_VALUE}(,[a-zA-Z_][a-zA-Z0-9_]*=${LABEL_VALUE})*\})? (NaN|[+-]Inf|-?[0-9.e+-]+)$`);
const COMMENT = /^# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram)|UNIT [a-zA-Z_:][a-zA-Z0-9_:]* [a-z]+|EOF)$/;

describe('fuzz: bad input never throws, never corrupts', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`survives 20,000 random operations (seed ${seed})`, () => {
      const rnd = random(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
      const registry = createRegistry({ maxSeriesPerMetric: 40 });
      const s = defineStats(
        'fuzz',
        {
          c: counter({ description: 'C "help" \\ with\nnewline', labels: ['a'] }),
          g: gauge({ description: 'G', labels: ['a'] }),
          h: histogram({ description: 'H', unit: 'seconds', labels: ['a'], buckets: [0.1, 1, 10] }),
          u: counter({ description: 'U' }),
        },
        { registry },
      );
      const expectedCounter = new Map<string, number>();
      let expectedUnlabelled = 0;
      let drops = 0;
      for (let i = 0; i < 20_000; i++) {
        const goodLabel = rnd() < 0.8;
        const labels = goodLabel ? { a: pick(GOOD_STRINGS) } : (pick(BAD_LABELS) as { a: string });
        const goodValue = rnd() < 0.7;
        const value = goodValue ? Math.floor(rnd() * 100) / 10 : (pick(BAD_VALUES) as number);
        const op = Math.floor(rnd() * 6);
        assert.doesNotThrow(() => {
          if (op === 0) s.c.add(value, labels);
          else if (op === 1) s.c.labels(labels).inc();
          else if (op === 2) s.g.set(value, labels);
          else if (op === 3) s.h.observe(value, labels);
          else if (op === 4) s.u.add(value);
          else s.h.labels(labels).observe(typeof value === 'number' ? -value : value);
        });
        const labelOk = goodLabel && typeof labels === 'object';
        if (op === 0 && labelOk && goodValue) expectedCounter.set(labels.a, (expectedCounter.get(labels.a) ?? 0) + value);
        if (op === 1 && labelOk) expectedCounter.set(labels.a, (expectedCounter.get(labels.a) ?? 0) + 1);
        if (op === 4 && goodValue) expectedUnlabelled += value;
        if (op === 4 && !goodValue) drops++;
      }
      for (const [a, v] of expectedCounter) assert.ok(Math.abs(s.c.value({ a }) - v) < 1e-6, `counter ${JSON.stringify(a)}`);
      assert.ok(Math.abs(s.u.value() - expectedUnlabelled) < 1e-6);
      const dropFamily = registry.snapshot().families.find((f) => f.name === 'statscope_dropped_samples_total');
      const unlabelledDrops = dropFamily?.series.filter((x) => x.labels[0] === 'fuzz_u_total').reduce((n, x) => n + x.value, 0);
      assert.equal(unlabelledDrops, drops);
      for (const format of ['prometheus', 'openmetrics'] as const) {
        const lines = registry.serialize(format).split('\n');
        assert.equal(lines.pop(), '', 'ends with a newline');
        for (const line of lines) assert.ok(COMMENT.test(line) || SAMPLE.test(line), `${format}: bad line ${JSON.stringify(line)}`);
      }
    });
  }
});
