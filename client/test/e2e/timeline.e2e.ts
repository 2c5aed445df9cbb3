/**
 * The Trace timeline end to end, in the real VS Code host with the packaged VSIX: the demo program runs
 * with tracing, the timeline of one of its traces opens from the Spans view's trace item, its webview
 * draws the rows (checked in the real browser's DOM), a real click on a row (by the driver, in the
 * webview's frame) shows the span's details and reveals its source line; hostile span names stay text.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DomReport } from '../../../protocol/webview';
import type { StatscopeApi } from '../../src/extension';
import type { TimelinePanel } from '../../src/panels/timeline-panel';
import type { TraceTreeNode } from '../../../runs/index';
import { activated, workspaceRoot } from './support/extension';
import { takeScreenshot } from './support/screenshot';
import { waitFor } from './support/wait';

const HOSTILE = '<img src=x onerror=alert(1)>';

/** Runs a file with tracing and waits for its end; returns the run id. */
async function traced(api: StatscopeApi, file: string): Promise<string> {
  const started = await vscode.commands.executeCommand<{ runId: string } | undefined>('statscope.runWithTracing', { kind: 'file', path: file });
  assert.ok(started, `Run with Tracing did not start ${file}`);
  const outcome = await waitFor(() => api.launcher.whenFinished(started.runId), { timeout: 45_000, message: `${file} to finish` });
  assert.equal(outcome.exitCode, 0, `${path.basename(file)} exited with ${outcome.exitCode}`);
  api.runs.store?.flushNotifications();
  return started.runId;
}

/** The Spans view's trace items of a run. */
function traceNodes(api: StatscopeApi, runId: string): TraceTreeNode[] {
  const runNode = api.spans.provider.getChildren().find((n) => n.id === runId);
  assert.ok(runNode, 'the run is in the Spans view');
  return api.spans.provider.getChildren(runNode).filter((n): n is TraceTreeNode => n.kind === 'trace');
}

/** Polls the webview's DOM until it shows `text`. */
async function webviewShowing(panel: TimelinePanel, text: string): Promise<DomReport> {
  return waitFor(
    async () => {
      const report = await panel.requestDomReport(2000);
      return report.textContent.includes(text) ? report : undefined;
    },
    { timeout: 20_000, message: `the timeline webview to show ${JSON.stringify(text)}` },
  );
}

/** VS Code injects its `acquireVsCodeApi` script (without a nonce) into every webview. */
function pageScriptsWithoutNonce(report: DomReport): string[] {
  return report.scriptsWithoutNonce.filter((s) => s !== '#_vscodeApiScript');
}

describe('Trace timeline (demo program, real host)', function () {
  this.timeout(120_000);
  let api: StatscopeApi;
  /** The trace the first test opens (the next one posts it again). */
  let opened: TraceTreeNode | undefined;

  before(async () => {
    api = await activated();
  });

  it('opens a trace’s timeline with every span as a row, and a row click reveals the span’s source', async () => {
    const demoFile = path.join(workspaceRoot(), 'src', 'model-server.js');
    const runId = await traced(api, demoFile);
    const trace = traceNodes(api, runId).find((t) => t.name === 'handle_request' && t.errorCount === 0 && t.spanCount >= 4);
    assert.ok(trace, 'a successful handle_request trace');
    opened = trace;

    const panel = await vscode.commands.executeCommand<TimelinePanel | undefined>('statscope.openTimeline', trace);
    assert.ok(panel, 'the command returned the panel');
    assert.equal(api.panels.timeline, panel, 'the Trace timeline panel is open');
    const report = await webviewShowing(panel, `${trace.spanCount} spans`);
    assert.equal(panel.postedRows.rows, trace.spanCount, 'one row per span of the trace was posted');
    for (const name of ['handle_request', 'preprocess', 'model.predict', 'model.forward', 'postprocess']) assert.ok(report.textContent.includes(name), `row ${name} is drawn`);
    assert.equal(report.imgCount, 0);
    assert.equal(report.inlineHandlerCount, 0);
    assert.deepEqual(pageScriptsWithoutNonce(report), [], 'every script of the page carries the nonce');
    assert.match(report.contentSecurityPolicy ?? '', /^default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]+'/);

    // A real click on the `preprocess` row (row 1: the root's first child by start time).
    const preprocess = panel.trace?.spans().find((s) => s.name === 'preprocess');
    assert.ok(preprocess?.code?.lineNumber, 'preprocess has a source location');
    const shot = await takeScreenshot('trace-timeline-click', { click: '.tl-row[data-row="1"] .tl-name' });
    assert.ok(shot, 'a driver took the screenshot (and clicked)');
    const editor = await waitFor(
      () => vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === demoFile && e.selection.active.line === (preprocess.code?.lineNumber ?? 0) - 1),
      { timeout: 15_000, message: `model-server.js revealed at line ${preprocess.code.lineNumber} after the row click` },
    );
    assert.ok(editor);
    const details = await waitFor(() => api.panels.spanDetails?.span, { timeout: 10_000, message: 'the Span details panel to show the clicked span' });
    assert.equal(details.spanId, preprocess.spanId, 'the details show the clicked span');
    assert.ok(api.panels.timeline, 'the timeline stays open');
    await takeScreenshot('trace-timeline');
  });

  it('collapses and expands rows with the keyboard', async () => {
    const panel = api.panels.timeline;
    assert.ok(panel, 'the timeline is open');
    // Click the root row (it gets the focus), then ← collapses it: only the root is drawn.
    await takeScreenshot('trace-timeline-collapsed', { click: '.tl-row[data-row="0"] .tl-name', press: ['ArrowLeft'] });
    await waitFor(
      async () => {
        const text = (await panel.requestDomReport(2000)).textContent;
        return text.includes('handle_request') && !text.includes('preprocess') && !text.includes('model.forward');
      },
      { timeout: 15_000, message: 'the children of the collapsed root to disappear' },
    );
    // The trace is posted again (as a live trace is every second): the root stays collapsed.
    assert.ok(opened, 'the first test opened a trace');
    await vscode.commands.executeCommand('statscope.openTimeline', opened);
    const reposted = await webviewShowing(panel, `${opened.spanCount} spans`);
    assert.ok(reposted.textContent.includes('handle_request') && !reposted.textContent.includes('preprocess'), 'the root is still collapsed after the post');
    // → expands it again, ↓ moves to its first child.
    await takeScreenshot('trace-timeline-expanded', { press: ['ArrowRight', 'ArrowDown'] });
    const fitted = (await webviewShowing(panel, 'model.forward')).textContent;
    // + zooms in (the axis shows other offsets), 0 fits the whole trace again.
    await takeScreenshot('trace-timeline-zoomed', { press: ['+', '+'] });
    await waitFor(async () => (await panel.requestDomReport(2000)).textContent !== fitted, { timeout: 15_000, message: 'the axis to change after zooming in' });
    await takeScreenshot('trace-timeline-fitted', { press: ['0'] });
    await waitFor(async () => (await panel.requestDomReport(2000)).textContent === fitted, { timeout: 15_000, message: 'the whole trace again after 0' });
  });

  it('renders hostile span names as text in the real browser', async () => {
    const runId = await traced(api, path.resolve(workspaceRoot(), '..', 'runs', 'hostile-names.js'));
    const run = api.runs.getRun(runId);
    const span = run === undefined ? undefined : [...run.spans()].find((s) => s.name === HOSTILE);
    assert.ok(span, 'the hostile span arrived');
    const panel = await vscode.commands.executeCommand<TimelinePanel | undefined>('statscope.openTimeline', { runId, traceId: span.traceId });
    assert.ok(panel);
    const report = await webviewShowing(panel, HOSTILE);
    assert.equal(report.imgCount, 0, 'no <img> element was created from a name');
    assert.equal(report.inlineHandlerCount, 0);
    assert.deepEqual(pageScriptsWithoutNonce(report), []);
    await takeScreenshot('trace-timeline-hostile');
  });

  it('follows a high-contrast theme (screenshot for review)', async () => {
    assert.ok(api.panels.timeline, 'the timeline is still open');
    const workbench = vscode.workspace.getConfiguration('workbench');
    const previous = workbench.inspect<string>('colorTheme')?.globalValue;
    try {
      await workbench.update('colorTheme', 'Default High Contrast', vscode.ConfigurationTarget.Global);
      await waitFor(() => vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.HighContrast, { message: 'the high-contrast theme to apply' });
      await webviewShowing(api.panels.timeline, HOSTILE);
      await takeScreenshot('trace-timeline-high-contrast');
    } finally {
      await workbench.update('colorTheme', previous, vscode.ConfigurationTarget.Global);
    }
  });
});
