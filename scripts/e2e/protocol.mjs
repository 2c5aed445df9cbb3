// The file protocol between the driver (run.mjs, outside) and the mocha runner inside the extension
// host (client/test/e2e/index.ts and support/). Keep in sync with client/test/e2e/support/protocol.ts.
//
// `$STATSCOPE_E2E_OUT/` (a directory the driver creates for each run):
//   host.log                          live log the in-host runner appends to (one line per event)
//   results.json                      written once when mocha ends, before the host exits
//   driver.json                       written by the driver: a driver is there to take screenshots
//   screenshots/<id>.request.json     a test asks for a screenshot: { "name": "<file name>" }
//   screenshots/<id>.done.json        the driver answers: { "path": "<png>" } or { "error": "<text>" }

/** Names the output directory for the in-host runner. */
export const OUT_ENV = 'STATSCOPE_E2E_OUT';
/** Substring filter on full test titles (mocha `grep`). */
export const GREP_ENV = 'STATSCOPE_E2E_GREP';
/** Absolute path of the workspace folder the run opens (tests may assert it). */
export const WORKSPACE_ENV = 'STATSCOPE_E2E_WORKSPACE';

export const LOG_FILE = 'host.log';
export const RESULTS_FILE = 'results.json';
export const DRIVER_FILE = 'driver.json';
export const SCREENSHOT_DIR = 'screenshots';
export const REQUEST_SUFFIX = '.request.json';
export const DONE_SUFFIX = '.done.json';
