/**
 * docs/production: the compose stack mounts the files `statscope generate` writes, those files are what the
 * generators make for test-fixtures/demo today, and the configurations that tools here can check are checked:
 * Prometheus's with `promtool check config` (with the generated rules), Alertmanager's with `amtool check-config`
 * (both from Debian). The Collector, Tempo and Grafana cannot be installed on these machines: their files are
 * checked by the generator tests (YAML, Grafana's schema) and by the mounts below, not by the servers.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ensureDebianPackages } from '../../../server/src/generate/test-packages';
import { GENERATORS } from '../../../server/src/generate/generate';
import { generateCommand } from './generate-command';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const PRODUCTION = join(ROOT, 'docs', 'production');
const GENERATED = join(PRODUCTION, 'generated');

/** Where each generator's file goes under generated/ (the generator's own suggested path). */
const FILE_OF: Readonly<Record<(typeof GENERATORS)[number], string>> = {
  grafana: 'grafana/statscope.json',
  'prometheus-rules': 'prometheus/statscope-rules.yaml',
  collector: 'otelcol/config.yaml',
};

interface Compose {
  readonly services: Record<string, { readonly volumes?: readonly string[] }>;
}

function mounts(): { service: string; source: string; target: string }[] {
  const compose = parse(readFileSync(join(PRODUCTION, 'compose.yaml'), 'utf8')) as Compose;
  return Object.entries(compose.services).flatMap(([service, s]) =>
    (s.volumes ?? [])
      .filter((v) => v.startsWith('./'))
      .map((v) => {
        const [source = '', target = ''] = v.split(':');
        return { service, source, target };
      }),
  );
}

async function generated(what: (typeof GENERATORS)[number]): Promise<string> {
  let out = '';
  const code = await generateCommand([what, 'test-fixtures/demo'], { cwd: ROOT, writeOut: (t) => void (out += t), writeErr: () => undefined });
  assert.equal(code, 0);
  return out;
}

describe('docs/production compose stack', function () {
  this.timeout(300_000);

  it('mounts the three generated files where the Collector, Prometheus and Grafana read them', () => {
    const fromGenerated = mounts().filter((m) => m.source.startsWith('./generated/'));
    assert.deepEqual(
      fromGenerated.map((m) => `${m.service} ${m.source} ${m.target}`).sort(),
      [
        'grafana ./generated/grafana /var/lib/grafana/dashboards/statscope',
        'otel-collector ./generated/otelcol/config.yaml /etc/otelcol-contrib/config.yaml',
        'prometheus ./generated/prometheus/statscope-rules.yaml /etc/prometheus/rules/statscope-rules.yaml',
      ],
    );
    for (const what of GENERATORS) assert.ok(fromGenerated.some((m) => `./generated/${FILE_OF[what]}`.startsWith(m.source)), `${what} is not mounted`);
    for (const m of mounts()) assert.ok(existsSync(join(PRODUCTION, m.source)), `${m.source} does not exist`);
  });

  it('holds what statscope generate makes for test-fixtures/demo today (regenerate with the commands in compose.yaml)', async () => {
    for (const what of GENERATORS) assert.equal(readFileSync(join(GENERATED, FILE_OF[what]), 'utf8'), await generated(what), `${FILE_OF[what]} is stale`);
  });

  it('passes promtool check config with the generated rules, and amtool check-config', async () => {
    await ensureDebianPackages(['prometheus', 'prometheus-alertmanager']);
    const dir = mkdtempSync(join(tmpdir(), 'statscope-production-'));
    try {
      // The container path of the rules becomes the generated file's path here.
      const config = readFileSync(join(PRODUCTION, 'prometheus', 'prometheus.yml'), 'utf8').replace('/etc/prometheus/rules/*.yaml', join(GENERATED, FILE_OF['prometheus-rules']));
      writeFileSync(join(dir, 'prometheus.yml'), config);
      const prometheus = spawnSync('promtool', ['check', 'config', join(dir, 'prometheus.yml')], { encoding: 'utf8' });
      assert.equal(prometheus.status, 0, `${prometheus.stdout}${prometheus.stderr}`);
      assert.match(prometheus.stdout, /SUCCESS: 1 rule files found/);
      const alertmanager = spawnSync('amtool', ['check-config', join(PRODUCTION, 'alertmanager', 'alertmanager.yml')], { encoding: 'utf8' });
      assert.equal(alertmanager.status, 0, `${alertmanager.stdout}${alertmanager.stderr}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
