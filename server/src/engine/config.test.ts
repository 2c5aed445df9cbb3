import assert from 'node:assert/strict';
import { RULES } from '../rules';
import { effectiveConfig, parseConfigFile } from './config';
import { lintSource } from './lint-source';

describe('statscope.config.json', () => {
  it('reads severities, options and the naming style', () => {
    const { config, problems } = parseConfigFile(
      JSON.stringify({ lint: { namingStyle: 'otel', rules: { 'unused-metric': 'off', 'no-raw-metrics-client': ['error', { allowFiles: ['legacy/**'] }] }, ignore: ['gen/**'] } }),
      RULES,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config.severities, { 'unused-metric': 'off', 'no-raw-metrics-client': 'error' });
    assert.deepEqual(config.ruleOptions, { 'no-raw-metrics-client': { allowFiles: ['legacy/**'] } });
    assert.equal(config.namingStyle, 'otel');
    assert.deepEqual(config.ignore, ['gen/**']);
  });

  it('reports problems and keeps the valid parts', () => {
    const { config, problems } = parseConfigFile(
      JSON.stringify({ lint: { namingStyle: 'camel', rules: { 'no-such-rule': 'error', 'unused-metric': 'loud', 'span-not-ended': 'error', 'unbounded-label-value': ['warning', { allowLabels: 'route' }] } } }),
      RULES,
    );
    assert.deepEqual(config.severities, { 'span-not-ended': 'error', 'unbounded-label-value': 'warning' });
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('unknown rule "no-such-rule"')));
  });

  it('rejects invalid JSON without throwing', () => {
    const { problems } = parseConfigFile('{ lint: ', RULES);
    assert.match(problems[0] ?? '', /not valid JSON/);
  });

  it('lets explicit editor settings win over the file', () => {
    const file = parseConfigFile(JSON.stringify({ lint: { namingStyle: 'otel', rules: { 'unused-metric': 'off', 'span-not-ended': 'error' } } }), RULES).config;
    const merged = effectiveConfig(file, { enable: true, namingStyle: 'inherit', rules: { 'unused-metric': 'warning' } });
    assert.equal(merged.settings.namingStyle, 'otel');
    assert.deepEqual(merged.severities, { 'unused-metric': 'warning', 'span-not-ended': 'error' });
    assert.equal(effectiveConfig(file, { enable: true, namingStyle: 'prometheus', rules: {} }).settings.namingStyle, 'prometheus');
  });

  it('applies severities and options when linting', () => {
    const file = parseConfigFile(JSON.stringify({ lint: { rules: { 'metric-name-format': 'error', 'no-raw-metrics-client': ['warning', { allowApis: ['prom-client'] }] } } }), RULES).config;
    const found = lintSource('/w/a.ts', "import { Counter } from 'prom-client';\nnew Counter({ name: 'badName', help: 'x' });", { config: effectiveConfig(file) });
    assert.deepEqual(found.filter((d) => d.ruleId === 'metric-name-format').map((d) => d.severity), ['error']);
    assert.equal(found.filter((d) => d.ruleId === 'no-raw-metrics-client').length, 0);
  });
});
