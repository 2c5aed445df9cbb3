/**
 * The library entry stays light: importing statscope loads neither the OTel SDK nor any exporter; the
 * OTel backend pulls them in only when it starts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('library entry', function () {
  this.timeout(30_000);

  it('does not load @opentelemetry/sdk-metrics or exporters when imported and used', () => {
    const index = join(__dirname, '..', '..', 'src', 'index.js');
    const program = `
      const s = require(${JSON.stringify(index)});
      const st = s.defineStats('entry', { n: s.counter({ description: 'n' }) });
      st.n.inc();
      s.getRegistry().serialize('openmetrics');
      s.createOtelMetricProducer().collect().then(() => {
        const loaded = Object.keys(require.cache).filter((k) => /node_modules[\\/]@opentelemetry[\\/](sdk-metrics|exporter-|otlp-)/.test(k));
        console.log(JSON.stringify(loaded));
      });
    `;
    const r = spawnSync(process.execPath, ['-e', program], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  it('works where code generation from strings is disallowed (generic label lookup)', () => {
    const index = join(__dirname, '..', '..', 'src', 'index.js');
    const program = `
      const s = require(${JSON.stringify(index)});
      const r = s.createRegistry();
      const st = s.defineStats('nogen', { n: s.counter({ description: 'n', labels: ['a', 'b'] }) }, { registry: r });
      for (let i = 0; i < 10; i++) st.n.inc({ a: 'x' + (i % 3), b: 'y' });
      st.n.labels({ a: 'x0', b: 'y' }).add(5);
      console.log(JSON.stringify([st.n.value({ a: 'x0', b: 'y' }), st.n.value({ a: 'x1', b: 'y' }), r.snapshot().families[0].series.length]));
    `;
    const r = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '-e', program], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [9, 3, 3]);
  });
});
