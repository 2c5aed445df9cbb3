import * as fs from 'node:fs';
import * as path from 'node:path';
import { DONE_SUFFIX, DRIVER_FILE, REQUEST_SUFFIX, SCREENSHOT_DIR, hostLog, outDir, writeJsonAtomic } from './protocol';
import { waitFor } from './wait';

/** Options for {@link takeScreenshot}. */
export interface ScreenshotOptions {
  /** Milliseconds to wait for the driver's answer (default 20 000). */
  readonly timeout?: number;
  /**
   * A CSS selector the driver clicks first, in whichever frame has it (a webview's content is a frame
   * the extension host cannot reach): a real click in the real browser.
   */
  readonly click?: string;
  /** Keys the driver presses after the click (Playwright names: `ArrowLeft`, `Enter`, `+`). */
  readonly press?: readonly string[];
}

let sequence = 0;

/**
 * Asks the driver (scripts/e2e/run.mjs) for a screenshot of the whole workbench and waits until it
 * is written as `<name>.png` into the run's screenshots folder. The extension host cannot see the
 * workbench itself; the driver can. Resolves with the PNG path, or with undefined when no driver
 * takes screenshots (e.g. under @vscode/test-electron). Rejects when the driver reports an error
 * or does not answer in time.
 */
export async function takeScreenshot(name: string, options: ScreenshotOptions = {}): Promise<string | undefined> {
  const dir = outDir();
  if (dir === undefined || !fs.existsSync(path.join(dir, DRIVER_FILE))) {
    hostLog(`screenshot "${name}" skipped: no driver takes screenshots in this run`);
    return undefined;
  }
  sequence += 1;
  const id = `${String(sequence).padStart(3, '0')}-${name.replace(/[^A-Za-z0-9._-]+/g, '-')}`;
  const requestDir = path.join(dir, SCREENSHOT_DIR);
  writeJsonAtomic(path.join(requestDir, id + REQUEST_SUFFIX), { name, ...(options.click === undefined ? {} : { click: options.click }), ...(options.press === undefined ? {} : { press: options.press }) });
  const donePath = path.join(requestDir, id + DONE_SUFFIX);
  const reply = await waitFor(() => readReply(donePath), {
    timeout: options.timeout ?? 20_000,
    message: `the driver did not answer screenshot request "${name}"`,
  });
  if (reply.error !== undefined) throw new Error(`screenshot "${name}" failed: ${reply.error}`);
  return reply.path;
}

interface ScreenshotReply {
  readonly path?: string;
  readonly error?: string;
}

/** Reads the driver's answer, or undefined while there is none. */
function readReply(file: string): ScreenshotReply | undefined {
  if (!fs.existsSync(file)) return undefined;
  const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (typeof value !== 'object' || value === null) return { error: 'malformed answer from the driver' };
  const record = value as Record<string, unknown>; // narrowed field by field below
  const result: { path?: string; error?: string } = {};
  if (typeof record['path'] === 'string') result.path = record['path'];
  if (typeof record['error'] === 'string') result.error = record['error'];
  return result.path === undefined && result.error === undefined ? { error: 'malformed answer from the driver' } : result;
}
