/**
 * Compare runs end to end, in the real VS Code host with the packaged VSIX: the demo program runs twice
 * through Run with Tracing (labels carry the start time), "Compare with…" opens the Compare panel with
 * the other run passed as argument, the panel shows span and metric rows in the real browser, the span
 * CodeLens shows the change against the compared run, and a `<script>` span name stays text. Sorted
 * after runs.e2e.ts on purpose: that file checks the run store is not loaded before its first run, and
 * its CodeLens titles are exact (the panel, which adds the comparison to them, is closed at the end here).
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DomReport } from '../../../protocol/webview';
import type { StatscopeApi } from '../../src/extension';
import type { RunStarted } from '../../src/launch/run-controller';
import { activated, workspaceRoot } from './support/extension';
import { takeScreenshot } from './support/screenshot';
import { waitFor } from './support/wait';

const RUN_TIMEOUT = 45_000;
const SCRIPT_NAME = '<script>alert(1)</script>';

const demoFile = (): string => path.join(workspaceRoot(), 'src', 'model-server.js');
const scriptNamesFile = (): string => path.resolve(workspaceRoot(), '..', 'runs', 'script-names.js');

async function runToEnd(api: StatscopeApi, file: string): Promise<RunStarted> {
  const started = await vscode.commands.executeCommand<RunStarted | undefined>('statscope.runWithTracing', { kind: 'file', path: file });
  assert.ok(started, 'Run with Tracing did not start the program');
  const outcome = await Promise.race([api.launcher.whenFinished(started.runId), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), RUN_TIMEOUT))]);
  assert.ok(outcome, `${file} did not finish within ${RUN_TIMEOUT} ms`);
  assert.equal(outcome.exitCode, 0, `${file} exited with ${outcome.exitCode}`);
  api.runs.store?.flushNotifications();
  return started;
}

/** Asks the Compare panel's webview for its DOM until `text` shows up. */
async function compareDomWith(api: StatscopeApi, text: string): Promise<DomReport> {
  let last = '';
  return waitFor(
    async () => {
      const panel = api.panels.compare;
      if (panel === undefined) return undefined;
      try {
        const report = await panel.requestDomReport(2000);
        last = report.textContent.slice(0, 300);
        return report.textContent.includes(text) ? report : undefined;
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
        return undefined;
      }
    },
    { timeout: 20_000, message: `the Compare panel did not show ${JSON.stringify(text)} (last: ${JSON.stringify(last)})` },
  );
}

describe('Compare runs (two runs of the demo, real browser)', function () {
  this.timeout(120_000);
  let api: StatscopeApi;
  let first: RunStarted;
  let second: RunStarted;

  before(async () => {
    api = await activated();
    first = await runToEnd(api, demoFile());
    // Labels carry the start time to the second: wait for the next second so the two labels differ.
    const firstSecond = Math.floor(Date.now() / 1000);
    await waitFor(() => (Math.floor(Date.now() / 1000) > firstSecond ? true : undefined), { timeout: 2000, message: 'the clock did not advance' });
    second = await runToEnd(api, demoFile());
  });

  after(() => {
    api.panels.compare?.dispose();
  });

  it('labels the two runs of one program with their start times', () => {
    assert.match(first.label, /^model-server\.js · \d\d:\d\d:\d\d$/);
    assert.match(second.label, /^model-server\.js · \d\d:\d\d:\d\d$/);
    assert.notEqual(first.label, second.label);
  });

  it('opens the Compare panel from "Compare with…" with the other run as argument, rows in the real browser', async () => {
    const runNode = api.spans.provider.getChildren().find((n) => n.id === second.runId);
    assert.ok(runNode, 'the second run is in the Spans view');
    const panel = await vscode.commands.executeCommand<unknown>('statscope.compareRuns', runNode, first.runId);
    assert.ok(panel, 'the command opened a panel');
    const compare = api.panels.compare;
    assert.ok(compare);
    const view = compare.view;
    assert.ok(view, 'the panel has a comparison');
    assert.deepEqual([view.baseRunId, view.headRunId], [first.runId, second.runId], 'the older run is the base');
    assert.equal(view.title, `${first.label} → ${second.label}`);
    assert.ok(view.spans.rows.length >= 3, `span rows: ${view.spans.rows.length}`);
    assert.ok(view.metrics.rows.length >= 3, `metric rows: ${view.metrics.rows.length}`);
    const names = view.spans.rows.map((r) => r.cells[0]);
    for (const name of ['handle_request', 'preprocess', 'model.predict']) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    assert.ok(view.spans.rows.every((r) => r.verdict !== 'base only' && r.verdict !== 'head only'), 'the same program has the same span names');
    const report = await compareDomWith(api, 'Δ p95');
    for (const text of [first.label, second.label, 'model_server_requests_total', 'Beyond noise']) assert.ok(report.textContent.includes(text), `the page shows ${text}`);
    assert.equal(report.imgCount, 0);
    assert.equal(report.inlineHandlerCount, 0);
    assert.deepEqual(report.scriptsWithoutNonce.filter((s) => s !== '#_vscodeApiScript'), [], 'every script of the page carries the nonce');
    assert.match(report.contentSecurityPolicy ?? '', /^default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]+'/);
    await takeScreenshot('compare-panel');
  });

  it('opens a span name\'s source line, as clicking the name does', async () => {
    const editor = await api.panels.compare?.revealSpan('model.forward');
    assert.ok(editor, 'the span name has a source location');
    assert.equal(editor.document.uri.fsPath, demoFile());
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /withSpan\('model\.forward'/);
  });

  it('shows the p95 change against the compared run in the span CodeLens', async () => {
    const uri = vscode.Uri.file(demoFile());
    await vscode.window.showTextDocument(uri, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    const titles = await waitFor(
      async () => {
        const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
        const compared = lenses.map((l) => l.command?.title ?? '').filter((t) => / vs \d\d:\d\d:\d\d run\)$/.test(t));
        return compared.length > 0 ? compared : undefined;
      },
      { timeout: 15_000, message: 'no span CodeLens compares with the other run' },
    );
    const startTime = / · (\d\d:\d\d:\d\d)$/.exec(first.label)?.[1];
    assert.ok(titles.every((t) => t.includes(`vs ${startTime ?? '?'} run`)), titles.join('\n'));
    for (const title of titles) assert.match(title, / · p95 [\d.]+ (ms|µs|s) \(([+-][\d.]+%|±0%|new) vs \d\d:\d\d:\d\d run\)$/);
  });

  it('renders a <script> span name as text', async () => {
    const hostile = await runToEnd(api, scriptNamesFile());
    await vscode.commands.executeCommand('statscope.compareRuns', hostile.runId, second.runId);
    const view = api.panels.compare?.view;
    assert.ok(view?.spans.rows.some((r) => r.cells[0] === SCRIPT_NAME), 'the hostile name is a row');
    const report = await compareDomWith(api, SCRIPT_NAME);
    assert.deepEqual(report.scriptsWithoutNonce.filter((s) => s !== '#_vscodeApiScript'), [], 'no script element was created from data');
    assert.ok(report.scriptCount <= 2, `scripts: ${report.scriptCount} (the page's own and VS Code's)`);
    assert.equal(report.imgCount, 0);
    assert.equal(report.inlineHandlerCount, 0);
    await takeScreenshot('compare-panel-hostile');
  });
});
