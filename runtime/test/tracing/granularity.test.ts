/** Each granularity level yields exactly the expected span tree for one fixture program. */
import assert from 'node:assert/strict';
import { OtlpReceiver } from './support/otlp-receiver';
import { runFixture } from './support/run-fixture';
import { ensureRuntimeBundles } from './support/runtime-bundles';
import { outline } from './support/span-tree';

const EXPECTED: Readonly<Record<string, string>> = {
  operation: ['handle-request', '  db.query'].join('\n'),
  partial: ['handle-request', '  db.query'].join('\n'),
  operation_and_segment: ['handle-request', '  load-user', '    db.query', '  render'].join('\n'),
  all: ['handle-request', '  load-user', '    parse-row', '      db.query', '  render', '    template'].join('\n'),
  full: ['handle-request', '  load-user', '    parse-row', '      db.query', '  render', '    template'].join('\n'),
};

describe('preload: granularity levels', function () {
  this.timeout(60_000);
  const receiver = new OtlpReceiver();

  before(async () => {
    await ensureRuntimeBundles();
    await receiver.start();
  });
  after(() => receiver.stop());
  beforeEach(() => receiver.clear());

  for (const [granularity, expected] of Object.entries(EXPECTED)) {
    it(`STATSCOPE_GRANULARITY=${granularity} yields exactly its tree`, async () => {
      const result = await runFixture('granularity.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, STATSCOPE_GRANULARITY: granularity } });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(outline(receiver.spans), expected);
      assert.equal(new Set(receiver.spans.map((s) => s.traceId)).size, 1);
    });
  }

  it('the default is operation', async () => {
    const result = await runFixture('granularity.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(outline(receiver.spans), EXPECTED['operation']);
  });

  it('none yields no spans at all', async () => {
    const result = await runFixture('granularity.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, STATSCOPE_GRANULARITY: 'none' } });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /done/);
    assert.equal(receiver.spans.length, 0);
    assert.equal(receiver.requestsTo('/v1/traces').length, 0);
  });
});
