// Writes the generated lint settings (one severity entry per rule) into package.json's
// contributes.configuration. Run after `tsc -b`: `node scripts/gen-manifest.mjs` (`--check` only compares).
// The schema comes from server/src/manifest.ts; server/src/rules/meta.test.ts fails when package.json is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { lintSettingsSchema } = require(join(root, 'out/server/src/manifest.js'));
const { RULES } = require(join(root, 'out/server/src/rules/index.js'));

const path = join(root, 'package.json');
const text = readFileSync(path, 'utf8');
const manifest = JSON.parse(text);
const properties = manifest.contributes.configuration.properties;
const generated = lintSettingsSchema(RULES);

// Keep the existing order; put new keys right after statscope.lint.enable.
const next = {};
for (const [key, value] of Object.entries(properties)) {
  if (key in generated) continue;
  next[key] = value;
  if (key === 'statscope.lint.enable') Object.assign(next, generated);
}
for (const [key, value] of Object.entries(generated)) if (!(key in next)) next[key] = value;
manifest.contributes.configuration.properties = next;

const updated = `${JSON.stringify(manifest, null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (updated !== text) {
    console.error('package.json lint settings are stale: run `node scripts/gen-manifest.mjs`');
    process.exit(1);
  }
  console.log('package.json lint settings are up to date');
} else if (updated !== text) {
  writeFileSync(path, updated);
  console.log(`updated package.json: ${Object.keys(generated.properties ?? generated['statscope.lint.rules'].properties).length} rules`);
} else {
  console.log('package.json already up to date');
}
