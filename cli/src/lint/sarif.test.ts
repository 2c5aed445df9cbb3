/**
 * The SARIF output validates against the official SARIF 2.1.0 schema (test-fixtures/sarif, see its README),
 * the schema GitHub code scanning checks uploads against.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { lintCommand } from './lint-command';

const ROOT = resolve(__dirname, '..', '..', '..', '..');

/** The official draft-04 schema, loaded into Ajv's draft-07 mode (only `id` differs for this schema). */
function sarifValidator(): ReturnType<Ajv['compile']> {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test-fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  const { id, $schema: _draft04, ...rest } = schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/'));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  return ajv.compile({ ...rest, $id: String(id) });
}

async function sarifOf(cwd: string, ...paths: string[]): Promise<unknown> {
  let out = '';
  await lintCommand(['--format', 'sarif', ...paths], { cwd, color: false, writeOut: (t) => void (out += t), writeErr: () => undefined });
  return JSON.parse(out);
}

describe('SARIF output', function () {
  this.timeout(30_000);
  const validate = sarifValidator();

  it('the validator rejects a broken log (self-check)', () => {
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
    assert.equal(validate({ version: '2.0.0', runs: [] }), false);
  });

  for (const fixture of ['demo', 'lint/workspace']) {
    it(`validates against the SARIF 2.1.0 schema (${fixture})`, async () => {
      const log = await sarifOf(join(ROOT, 'test-fixtures', fixture));
      const ok = validate(log);
      assert.ok(ok, JSON.stringify(validate.errors, null, 2));
    });
  }

  it('carries rules, levels, relative locations and fixes', async () => {
    const log = (await sarifOf(join(ROOT, 'test-fixtures', 'demo'), 'src/checkout.ts')) as {
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[]; fixes?: unknown[] }[] }[];
    };
    const run = log.runs[0];
    assert.ok(run);
    assert.equal(run.tool.driver.rules.length, 20);
    const undeclared = run.results.find((r) => r.ruleId === 'undeclared-metric');
    assert.equal(undeclared?.level, 'error');
    assert.equal(run.tool.driver.rules[undeclared?.ruleIndex ?? -1]?.id, 'undeclared-metric');
    assert.deepEqual(undeclared?.locations[0]?.physicalLocation.artifactLocation, { uri: 'src/checkout.ts', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(undeclared?.locations[0]?.physicalLocation.region, { startLine: 30, startColumn: 17, endLine: 30, endColumn: 24 });
    assert.equal(undeclared?.fixes?.length, 1);
  });
});
