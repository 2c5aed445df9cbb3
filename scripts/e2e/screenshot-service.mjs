// Answers screenshot requests that tests inside the extension host write as files (protocol.mjs):
// takes a screenshot of the workbench page and writes a done file. A request may name a `click`: a CSS
// selector the driver clicks first, in whichever frame of the page has it (webviews are nested frames
// the extension host cannot reach), so tests can click inside a webview like a user; and `press`: keys
// pressed after that (Playwright key names), which go to the element that has the focus.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DONE_SUFFIX, DRIVER_FILE, REQUEST_SUFFIX, SCREENSHOT_DIR } from './protocol.mjs';

const POLL_MS = 100;

/**
 * Starts answering requests found in `<outDir>/screenshots/`.
 * @param {{ outDir: string, screenshotsDir: string, page: import('playwright-core').Page, log: (m: string) => void }} options
 * @returns {{ stop: () => Promise<void>, taken: () => string[] }} `stop` waits for a screenshot in progress
 */
export function startScreenshotService({ outDir, screenshotsDir, page, log }) {
  const requestDir = join(outDir, SCREENSHOT_DIR);
  mkdirSync(requestDir, { recursive: true });
  mkdirSync(screenshotsDir, { recursive: true });
  writeJson(join(outDir, DRIVER_FILE), { pid: process.pid, screenshotsDir });
  const handled = new Set();
  const taken = [];
  let busy = Promise.resolve();
  let stopped = false;

  const answer = async (id) => {
    let reply;
    try {
      const { name, click, press } = JSON.parse(readFileSync(join(requestDir, id + REQUEST_SUFFIX), 'utf8'));
      if (typeof click === 'string') await clickInFrames(page, click);
      for (const key of Array.isArray(press) ? press : []) await page.keyboard.press(String(key));
      const path = join(screenshotsDir, `${safeName(name)}.png`);
      await page.screenshot({ path, timeout: 15_000 });
      taken.push(path);
      log(`screenshot ${path}`);
      reply = { path };
    } catch (error) {
      reply = { error: error instanceof Error ? error.message : String(error) };
      log(`screenshot ${id} failed: ${reply.error}`);
    }
    writeJson(join(requestDir, id + DONE_SUFFIX), reply);
  };

  const poll = () => {
    if (stopped) return;
    for (const file of readdirSync(requestDir)) {
      if (!file.endsWith(REQUEST_SUFFIX)) continue;
      const id = file.slice(0, -REQUEST_SUFFIX.length);
      if (handled.has(id) || existsSync(join(requestDir, id + DONE_SUFFIX))) continue;
      handled.add(id);
      busy = busy.then(() => answer(id));
    }
  };
  const timer = setInterval(poll, POLL_MS);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await busy;
    },
    taken: () => [...taken],
  };
}

/** Clicks the first element matching `selector` in any frame of the page (webviews included). */
async function clickInFrames(page, selector) {
  for (const frame of page.frames()) {
    const element = await frame.$(selector).catch(() => null);
    if (element === null) continue;
    await element.click({ timeout: 10_000 });
    return;
  }
  throw new Error(`no frame has an element matching ${selector}`);
}

/** Keeps a screenshot name to a safe file name (the request comes from test code). */
function safeName(name) {
  const cleaned = String(name).replace(/\.png$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').slice(0, 100);
  return cleaned || 'screenshot';
}

/** Writes JSON atomically (temp file + rename), so the reader never sees half a file. */
function writeJson(path, value) {
  writeFileSync(`${path}.tmp`, JSON.stringify(value));
  renameSync(`${path}.tmp`, path);
}
