// The file protocol between the driver (run.mjs, outside) and the mocha runner inside the extension
// host. Its one source is client/test/e2e/support/protocol.ts (which documents the layout); this module
// re-exports the constants from the compiled copy, so the two sides cannot drift apart.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from './util.mjs';

const COMPILED = join(REPO_ROOT, 'out', 'client', 'test', 'e2e', 'support', 'protocol.js');

if (!existsSync(COMPILED)) {
  // A setup failure like the harness's others: say what to do, exit 2, keep the closing summary line.
  console.error(`[e2e] ${COMPILED} is missing: compile the e2e tests first (\`npx tsc -b\`)`);
  console.log('0 passed, 0 failed');
  process.exit(2);
}

const protocol = createRequire(import.meta.url)(COMPILED);

export const {
  OUT_ENV, GREP_ENV, WORKSPACE_ENV, SUITE_ENV, MAIN_SUITE, UNTRUSTED_SUITE,
  LOG_FILE, RESULTS_FILE, DRIVER_FILE, SCREENSHOT_DIR, REQUEST_SUFFIX, DONE_SUFFIX, finalScreenshotName,
} = protocol;
