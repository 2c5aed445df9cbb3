// Builds what the npm packages ship: the production bundles of `statscope` (runtime/dist) and
// `@statscope/cli` (cli/dist), and the runtime's bundled type declarations. `npm pack` in runtime/
// runs it (prepack); the packaging test runs it before packing both.
//   node scripts/packages/build.mjs
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Declarations of the public surface (runtime/src/index.ts) in one file, JSDoc kept; `@opentelemetry/api` stays an import. */
export async function bundleDeclarations() {
  const bundle = await rollup({
    input: join(root, 'out/runtime/src/index.d.ts'),
    plugins: [dts()],
    external: (id) => id.startsWith('@opentelemetry/') || id.startsWith('node:'),
  });
  const file = join(root, 'runtime/dist/index.d.ts');
  await bundle.write({ file, format: 'es' });
  await bundle.close();
  // The same declarations for `import` (the ESM entry), so TypeScript does not read them as CommonJS.
  copyFileSync(file, join(root, 'runtime/dist/index.d.mts'));
}

export async function buildPackages() {
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b', join(root, 'runtime'), join(root, 'cli')], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, 'esbuild.mjs'), '--production', '--only', 'runtime/dist,cli/dist'], { cwd: root, stdio: 'inherit' });
  await bundleDeclarations();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildPackages();
