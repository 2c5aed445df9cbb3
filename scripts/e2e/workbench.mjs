// Opens code-server's web workbench in Debian's Chromium through playwright-core, with the
// automation hooks the workbench calls when an extension test run ends.
import { chromium } from 'playwright-core';

/** Flags for Chromium on these machines (see shared/E2E-HOST.md): no sandbox as root, no GPU, no network chatter. */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/**
 * The URL that opens `folder` and runs the tests at `testsPath` in the remote extension host.
 * @param {string} baseUrl code-server's `http://127.0.0.1:PORT/`
 * The workbench runs the tests only when an extension development path is given as well (VS Code
 * checks `isExtensionDevelopment` before it asks the extension host to execute them).
 * @param {{ folder: string, testsPath: string, extensionDevelopmentPath: string }} options
 */
export function workbenchUrl(baseUrl, { folder, testsPath, extensionDevelopmentPath }) {
  const { host } = new URL(baseUrl);
  const remote = (path) => `vscode-remote://${host}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
    ['extensionTestsPath', remote(testsPath)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  return `${baseUrl}?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * @typedef {object} Workbench
 * @property {import('playwright-core').Page} page
 * @property {Promise<number>} exitCode settles when the workbench calls `codeAutomationExit(code)`
 * @property {Promise<string>} failed settles when the page crashes or the browser goes away
 * @property {() => Promise<void>} close
 */

/**
 * Launches Chromium with a fresh profile, installs the automation hooks and loads `url`.
 * @param {{ executablePath: string, profileDir: string, url: string, onLog?: (type: string, args: unknown) => void }} options
 * @returns {Promise<Workbench>}
 */
export async function openWorkbench({ executablePath, profileDir, url, onLog }) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1600, height: 1000 },
    // Playwright would otherwise exit the process on these signals, before the caller's cleanup.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  let resolveExit;
  const exitCode = new Promise((resolve) => (resolveExit = resolve));
  let resolveFailed;
  const failed = new Promise((resolve) => (resolveFailed = resolve));
  let isClosing = false;
  await context.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  await context.exposeFunction('codeAutomationLog', (type, args) => onLog?.(String(type), args));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('crash', () => resolveFailed('the workbench page crashed'));
  page.on('close', () => isClosing || resolveFailed('the workbench page was closed'));
  context.on('close', () => isClosing || resolveFailed('the browser closed'));
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  return {
    page,
    exitCode,
    failed,
    close: async () => {
      isClosing = true;
      await context.close().catch(() => {});
    },
  };
}
