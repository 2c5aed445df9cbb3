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
checkPythonRuntime(execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' }).split('\n'));
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--out', out], { cwd: root, stdio: 'inherit' });

const bytes = statSync(out).size;
console.log(`packaged ${out} (${(bytes / 1024).toFixed(0)} KiB)`);
if (bytes > MAX_BYTES) {
  console.error(`the VSIX is ${(bytes / 1024 / 1024).toFixed(2)} MiB, over the 5 MiB budget`);
  process.exit(1);
}

/** The VSIX must carry the Python runtime's modules (Run with Tracing preloads them), and nothing else of runtime/python. */
function checkPythonRuntime(files) {
  const python = files.filter((f) => f.startsWith('runtime/python/'));
  const missing = ['runtime/python/statscope/__init__.py', 'runtime/python/statscope/preload.py', 'runtime/python/statscope/_preload/sitecustomize.py'].filter((f) => !python.includes(f));
  const extra = python.filter((f) => !/^runtime\/python\/statscope\/([\w]+\/)?[\w]+\.py$/.test(f) || f.includes('__pycache__'));
  if (missing.length > 0 || extra.length > 0) {
    console.error(`the VSIX's Python runtime is wrong: missing ${missing.join(', ') || 'nothing'}; not to ship ${extra.join(', ') || 'nothing'}`);
    process.exit(1);
  }
  console.log(`the VSIX carries the Python runtime (${python.length} modules)`);
}
