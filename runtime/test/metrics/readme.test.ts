/**
 * runtime/README.md stays true: its complete example type-checks against the real types, runs, and prints
 * the exposition the README shows.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { repoRoot } from '../helpers';

function block(markdown: string, after: string, language: string): string {
  const start = markdown.indexOf(after);
  assert.ok(start >= 0, `README section "${after}" not found`);
  const open = markdown.indexOf(`\`\`\`${language}\n`, start);
  const close = markdown.indexOf('\n```', open + 4 + language.length);
  return markdown.slice(open + 4 + language.length, close + 1);
}

describe('runtime/README.md', function () {
  this.timeout(120_000);
  const root = repoRoot();
  const readme = readFileSync(join(root, 'runtime', 'README.md'), 'utf8');
  const example = block(readme, '## A complete example', 'ts');
  let dir = '';

  before(() => {
    dir = mkdtempSync(join(root, 'out', 'readme-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has an example that type-checks', () => {
    writeFileSync(join(dir, 'example.ts'), example);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2022',
          module: 'es2022',
          moduleResolution: 'bundler',
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [join(root, 'node_modules', '@types')],
          paths: { statscope: [join(root, 'runtime', 'src', 'index.ts')] },
        },
        files: ['example.ts'],
      }),
    );
    const r = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  });

  it('has an example that runs and prints the exposition the README shows', () => {
    const source = `import { getRegistry as __registry } from 'statscope';\n${example.replace('port: 9464', 'port: 0')}\nconsole.log('EXPOSITION' + JSON.stringify(__registry().serialize('prometheus')));\n`;
    writeFileSync(join(dir, 'run.ts'), source);
    buildSync({ entryPoints: [join(dir, 'run.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: join(dir, 'run.mjs'), alias: { statscope: join(root, 'runtime', 'src', 'index.ts') }, external: ['@opentelemetry/*'], logLevel: 'silent' });
    // Bundled into out/, so @opentelemetry/api resolves from the repository's node_modules.
    const r = spawnSync(process.execPath, [join(dir, 'run.mjs')], { encoding: 'utf8', cwd: root });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /metrics on http:\/\/127\.0\.0\.1:\d+\/metrics/);
    const line = r.stdout.split('\n').find((l) => l.startsWith('EXPOSITION')) ?? '';
    const exposition = JSON.parse(line.slice('EXPOSITION'.length)) as string;
    const shown = block(readme, '`curl localhost:9464/metrics` then shows:', '');
    assert.equal(exposition, shown);
  });
});
