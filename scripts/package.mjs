// Builds the production bundles and packages them as statscope-<version>.vsix at the repo root.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAX_BYTES = 5 * 1024 * 1024;
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, `statscope-${version}.vsix`);

// Start from empty output folders so no development build or source map is packaged.
rmSync(join(root, 'dist'), { recursive: true, force: true });
rmSync(join(root, 'runtime', 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'esbuild.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--out', out], { cwd: root, stdio: 'inherit' });

const bytes = statSync(out).size;
console.log(`packaged ${out} (${(bytes / 1024).toFixed(0)} KiB)`);
if (bytes > MAX_BYTES) {
  console.error(`the VSIX is ${(bytes / 1024 / 1024).toFixed(2)} MiB, over the 5 MiB budget`);
  process.exit(1);
}
