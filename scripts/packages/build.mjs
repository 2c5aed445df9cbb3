// Builds what the npm packages ship: the production bundles of `statscope` (runtime/dist) and
// `@statscope/cli` (cli/dist), and the runtime's bundled type declarations. `npm pack` in runtime/ or
// cli/ runs it (prepack). With --stage, it leaves runtime/ and cli/ alone and writes both packages,
// manifest and docs included, to <dir>/runtime and <dir>/cli, ready to pack: the packaging test packs
// those, so a development build running meanwhile cannot mix into the tarballs.
//   node scripts/packages/build.mjs [--stage <dir>]
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The folders, relative to the repository, that hold the packages. */
export const PACKAGE_DIRS = ['runtime', 'cli'];

/** Declarations of the public surface (runtime/src/index.ts) in one file, JSDoc kept; `@opentelemetry/api` stays an import. */
export async function bundleDeclarations(outRoot = root) {
  const bundle = await rollup({
    input: join(root, 'out/runtime/src/index.d.ts'),
    plugins: [dts()],
    external: (id) => id.startsWith('@opentelemetry/') || id.startsWith('node:'),
  });
  const file = join(outRoot, 'runtime/dist/index.d.ts');
  await bundle.write({ file, format: 'es' });
  await bundle.close();
  // The same declarations for `import` (the ESM entry), so TypeScript does not read them as CommonJS.
  copyFileSync(file, join(outRoot, 'runtime/dist/index.d.mts'));
}

/**
 * The Python runtime's modules, relative to runtime/python/statscope: what `statscope run -- python …`
 * preloads (the CLI carries them in dist/python, as the VSIX carries runtime/python). Python files only:
 * no tests, no bench, no __pycache__.
 */
export function pythonRuntimeFiles(dir = join(root, 'runtime', 'python', 'statscope'), prefix = '') {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.isDirectory() && entry.name !== '__pycache__') files.push(...pythonRuntimeFiles(join(dir, entry.name), `${prefix}${entry.name}/`));
    else if (entry.isFile() && entry.name.endsWith('.py')) files.push(`${prefix}${entry.name}`);
  }
  return files;
}

/** Copies the Python runtime into the CLI's dist/python/statscope (replacing what was there). */
function copyPythonRuntime(outRoot = root) {
  const target = join(outRoot, 'cli', 'dist', 'python', 'statscope');
  rmSync(target, { recursive: true, force: true });
  for (const file of pythonRuntimeFiles()) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    copyFileSync(join(root, 'runtime', 'python', 'statscope', file), join(target, file));
  }
}

/** Copies each package's manifest, README, LICENSE and the other non-dist files it lists to `stage`. */
function stageManifests(stage) {
  for (const dir of PACKAGE_DIRS) {
    const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    const listed = (manifest.files ?? []).filter((f) => !f.startsWith('dist/'));
    mkdirSync(join(stage, dir), { recursive: true });
    for (const file of ['package.json', 'README.md', 'LICENSE', ...listed]) copyFileSync(join(root, dir, file), join(stage, dir, file));
  }
}

/** Type-checks and bundles both packages into the repository, or into `stage` when given. */
export async function buildPackages(stage) {
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b', join(root, 'runtime'), join(root, 'cli')], { cwd: root, stdio: 'inherit' });
  const outRoot = stage === undefined ? [] : ['--out-root', stage];
  execFileSync(process.execPath, [join(root, 'esbuild.mjs'), '--production', '--only', 'runtime/dist,cli/dist', ...outRoot], { cwd: root, stdio: 'inherit' });
  await bundleDeclarations(stage);
  copyPythonRuntime(stage);
  if (stage !== undefined) stageManifests(stage);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--stage');
  await buildPackages(at === -1 ? undefined : process.argv[at + 1]);
}
