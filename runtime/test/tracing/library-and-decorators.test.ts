/**
 * Child processes without the preload: sdk mode started from code (`startTracing`), never a second
 * SDK next to the host's; and `@traced` in TypeScript compiled both ways (standard and legacy
 * decorators), mapped back to the .ts line through source maps.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transform } from 'esbuild';
import { OtlpReceiver } from './support/otlp-receiver';
import { runFixture } from './support/run-fixture';
import { ensureRuntimeBundles, FIXTURES } from './support/runtime-bundles';
import { outline, spanNamed } from './support/span-tree';

describe('library: sdk mode from code, and @traced in TypeScript', function () {
  this.timeout(60_000);
  const receiver = new OtlpReceiver();
  let dir = '';

  before(async () => {
    await ensureRuntimeBundles();
    await receiver.start();
    dir = mkdtempSync(join(tmpdir(), 'statscope-decorators-'));
  });
  after(async () => {
    await receiver.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => receiver.clear());

  it('startTracing({ mode: "sdk" }) loads the installed SDK, exports, and flushes at exit', async () => {
    const result = await runFixture('library-sdk.js', { preload: 'none', env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint } });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /mode sdk/);
    assert.equal(outline(receiver.spans), ['lib.outer', '  lib.inner'].join('\n'));
  });

  it('shutdownTracing() exports everything and getTracingStats() counts it', async () => {
    const result = await runFixture('library-sdk.js', { preload: 'none', env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, EXPLICIT_SHUTDOWN: '1' } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(receiver.spans.length, 2);
    const stats = JSON.parse(/stats (.*)/.exec(result.stdout)?.[1] ?? '{}') as Record<string, unknown>;
    assert.deepEqual(stats, { spansExported: 2, spansDroppedQueueFull: 0, spansFailedExport: 0, spansUnended: 0, spansDroppedAfterShutdown: 0, logsExported: 0, logsDroppedQueueFull: 0, logsFailedExport: 0 });
  });

  it('does not start a second SDK when the program registered a tracer provider', async () => {
    const result = await runFixture('library-sdk.js', { preload: 'none', env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, HOST_PROVIDER: '1' } });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /mode api a tracer provider is already registered/);
    assert.equal(receiver.spans.length, 0, 'the host provider has no exporter; Statscope exported nothing');
  });

  for (const experimentalDecorators of [false, true]) {
    const kind = experimentalDecorators ? 'legacy experimentalDecorators' : 'TS 5 standard decorators';
    it(`@traced with ${kind}: spans point at the decorator lines of the .ts file`, async () => {
      const source = join(FIXTURES, 'decorators.ts');
      const compiled = await transform(readFileSync(source, 'utf8'), {
        loader: 'ts',
        format: 'cjs',
        target: 'node18',
        sourcemap: 'inline',
        sourcefile: source,
        tsconfigRaw: { compilerOptions: { experimentalDecorators } },
      });
      const out = join(dir, `decorators-${experimentalDecorators ? 'legacy' : 'standard'}.js`);
      writeFileSync(out, compiled.code);
      const result = await runFixture(out, { nodeArgs: ['--enable-source-maps'], env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint } });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /total 3\.50 EUR/);
      assert.equal(outline(receiver.spans), ['checkout.total', '  Checkout.add', '  checkout.format', '  Checkout.round'].join('\n'));
      const lines = readFileSync(source, 'utf8').split('\n');
      const lineOf = (text: string): number => lines.findIndex((l) => l.includes(text)) + 1;
      const total = spanNamed(receiver.spans, 'checkout.total');
      assert.equal(total.attributes['code.filepath'], source);
      assert.equal(total.attributes['code.lineno'], lineOf("@traced('checkout.total')"));
      assert.equal(total.attributes['code.function'], 'Checkout.total');
      assert.equal(spanNamed(receiver.spans, 'Checkout.add').attributes['code.lineno'], lineOf('@traced()'));
      assert.equal(spanNamed(receiver.spans, 'checkout.format').attributes['code.lineno'], lineOf("withSpan('checkout.format'"));
      const bare = spanNamed(receiver.spans, 'Checkout.round').attributes;
      assert.equal(bare['code.filepath'], source, 'bare @traced: located in the .ts file');
      assert.equal(bare['code.lineno'], lineOf('  round('), 'bare @traced: the method line');
    });
  }
});
