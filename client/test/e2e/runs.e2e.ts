/**
 * Run with Tracing end to end, in the real VS Code host with the packaged VSIX: the demo program runs
 * through the command (real child process, bundled preload, real OTLP receiver), the Spans tree shows
 * its spans, a span reveals its source line, the editor shows span timings and metric values, the
 * Metrics panel shows the composites, and hostile names render as text in the real browser.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StatscopeApi } from '../../src/extension';
import type { RunStarted } from '../../src/launch/run-controller';
import type { TreeNode } from '../../../runs/index';
import { activated, workspaceRoot } from './support/extension';
import { domReportContaining, withoutVsCodeApi } from './support/panels';
import { runToEnd } from './support/run-program';
import { takeScreenshot } from './support/screenshot';
import { waitFor } from './support/wait';

const HOSTILE = '<img src=x onerror=alert(1)>';

const demoFile = (): string => path.join(workspaceRoot(), 'src', 'model-server.js');
const hostileFile = (): string => path.resolve(workspaceRoot(), '..', 'runs', 'hostile-names.js');

/** The 0-based line of the first occurrence of `needle` in a file. */
function lineOf(file: string, needle: string): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(needle));
  assert.ok(index >= 0, `'${needle}' not in ${file}`);
  return index;
}

function labelOf(api: StatscopeApi, node: TreeNode): string {
  const label = api.spans.provider.getTreeItem(node).label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

function childrenOf(api: StatscopeApi, node?: TreeNode): TreeNode[] {
  return api.spans.provider.getChildren(node);
}

function childNamed(api: StatscopeApi, parent: TreeNode, name: string): TreeNode {
  const node = childrenOf(api, parent).find((n) => labelOf(api, n) === name);
  assert.ok(node, `no child '${name}' under '${labelOf(api, parent)}': ${childrenOf(api, parent).map((n) => labelOf(api, n)).join(', ')}`);
  return node;
}

async function hoverTexts(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n'));
}

async function spanLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses.filter((l) => l.command?.command === 'statscope.filterSpans');
}

describe('Run with Tracing (demo program, real receiver)', function () {
  this.timeout(90_000);
  let api: StatscopeApi;
  let demo: RunStarted;

  before(async () => {
    api = await activated();
  });

  it('activates within 50 ms of its own work, without loading the run store', () => {
    assert.ok(api.activationMs >= 0 && api.activationMs <= 50, `activation took ${api.activationMs.toFixed(1)} ms`);
    assert.equal(api.runs.store, undefined, 'the runs module and store load on the first run, not at activation');
    console.log(`      activation: ${api.activationMs.toFixed(1)} ms`);
  });

  it('runs the demo program from the command and shows its spans in the tree', async () => {
    const started = await vscode.commands.executeCommand<RunStarted | undefined>('statscope.runWithTracing', { kind: 'file', path: demoFile() });
    assert.ok(started, 'the command returned no run');
    demo = started;
    // Live: the run is in the store and the tree while the program runs.
    const run = api.runs.getRun(started.runId);
    assert.ok(run);
    assert.equal(run.state, 'running');
    const live = childrenOf(api).find((n) => n.id === started.runId);
    assert.ok(live, 'the running run is in the tree');
    assert.equal(api.spans.provider.getTreeItem(live).contextValue, 'run.running');
    const outcome = await api.launcher.whenFinished(started.runId);
    assert.equal(outcome?.exitCode, 0);
    api.runs.store?.flushNotifications();

    const runNode = childrenOf(api).find((n) => n.id === started.runId);
    assert.ok(runNode);
    const runItem = api.spans.provider.getTreeItem(runNode);
    assert.match(labelOf(api, runNode), /^model-server\.js · \d\d:\d\d:\d\d$/, 'the label carries the start time');
    assert.match(String(runItem.description), /^exit 0 · 234 spans · 6 errors$/);
    const traces = childrenOf(api, runNode);
    const names = traces.map((t) => labelOf(api, t));
    assert.equal(names.filter((n) => n === 'handle_request').length, 48, names.join(', '));
    assert.equal(names.filter((n) => n === 'evaluate_model').length, 3);
    // A successful request: handle_request → preprocess, model.predict → model.forward, postprocess.
    const ok = traces.find((t) => t.kind === 'trace' && t.errorCount === 0 && t.name === 'handle_request');
    assert.ok(ok);
    const root = childNamed(api, ok, 'handle_request');
    assert.deepEqual(childrenOf(api, root).map((n) => labelOf(api, n)), ['preprocess', 'model.predict', 'postprocess']);
    const forward = childNamed(api, childNamed(api, root, 'model.predict'), 'model.forward');
    const forwardItem = api.spans.provider.getTreeItem(forward);
    assert.match(String(forwardItem.description), /^\d+(\.\d+)? ms$/);
    // The root and model.predict bound the trace: the critical path is highlighted.
    const rootLabel = api.spans.provider.getTreeItem(root).label;
    assert.ok(typeof rootLabel === 'object' && (rootLabel.highlights?.length ?? 0) > 0, 'critical path highlighted');
    // A failed request: the trace and the span carry the error icon.
    const failed = traces.find((t) => t.kind === 'trace' && t.errorCount > 0);
    assert.ok(failed);
    assert.equal((api.spans.provider.getTreeItem(failed).iconPath as vscode.ThemeIcon).id, 'error');
    const failedPre = childNamed(api, childNamed(api, failed, 'handle_request'), 'preprocess');
    assert.equal((api.spans.provider.getTreeItem(failedPre).iconPath as vscode.ThemeIcon).id, 'error');

    await vscode.commands.executeCommand('statscope.focusSpans');
    await api.spansView.reveal(forward, { select: true, focus: true, expand: true });
    await waitFor(() => api.spansView.visible || undefined, { message: 'the Spans view is visible' });
    await takeScreenshot('spans-tree');
  });

  it('reveals a span’s source line from the tree', async () => {
    const run = api.runs.getRun(demo.runId);
    assert.ok(run);
    const span = [...run.spans()].find((s) => s.name === 'model.forward');
    assert.ok(span?.code, 'model.forward carries code.filepath/code.lineno');
    const node = api.runs.tree?.nodeOfSpan(run, span.traceId, span.spanId);
    assert.ok(node);
    const item = api.spans.provider.getTreeItem(node);
    assert.equal(item.command?.command, 'statscope.revealSpanSource', 'clicking a span with a location reveals it');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const expectedLine = lineOf(demoFile(), "withSpan('model.forward'");
    const editor = await waitFor(
      () => {
        const e = vscode.window.activeTextEditor;
        return e?.document.uri.fsPath === demoFile() && e.selection.active.line === expectedLine ? e : undefined;
      },
      { message: `model-server.js:${expectedLine + 1} did not become the active editor selection` },
    );
    assert.equal(editor.document.lineAt(editor.selection.active.line).text.trim().startsWith("await withSpan('model.forward'"), true);
  });

  it('shows span timings above instrumented code and metric values on hover', async () => {
    const uri = vscode.Uri.file(demoFile());
    await vscode.window.showTextDocument(uri);
    const lenses = await waitFor(async () => {
      const list = await spanLenses(uri);
      return list.length >= 6 ? list : undefined;
    }, { timeout: 15_000, message: 'no span timing CodeLens in model-server.js' });
    const handle = lenses.find((l) => l.range.start.line === lineOf(demoFile(), "withSpan('handle_request'"));
    assert.ok(handle, `lenses at ${lenses.map((l) => l.range.start.line).join(', ')}`);
    assert.match(handle.command?.title ?? '', /^\$\(pulse\) 48 spans · p50 \d+(\.\d+)? ms · max \d+(\.\d+)? ms · 3 errors$/);
    const forward = lenses.find((l) => l.range.start.line === lineOf(demoFile(), "withSpan('model.forward'"));
    assert.match(forward?.command?.title ?? '', /^\$\(pulse\) 45 spans · p50 /);

    const document = await vscode.workspace.openTextDocument(uri);
    const requestsKey = new vscode.Position(lineOf(demoFile(), 'requests: counter('), 4);
    const hover = await waitFor(async () => (await hoverTexts(uri, requestsKey)).find((t) => t.includes('last values from run')), { message: 'no run-values hover on requests' });
    assert.match(hover, /model\\_server\\_requests\\_total/);
    assert.match(hover, /^\| labels \| total \| increase \| rate \|$/m, 'a counter shows total, increase and rate');
    assert.match(hover, /\| model=sentiment\\-v2, status=ok \| 45 \|/);
    assert.match(hover, /\| model=sentiment\\-v2, status=error \| 3 \|/);
    assert.ok(document.getText().includes('requests: counter('));
    const editor = await vscode.window.showTextDocument(document, { selection: new vscode.Range(requestsKey, requestsKey) });
    editor.revealRange(new vscode.Range(requestsKey, requestsKey), vscode.TextEditorRevealType.AtTop);
    await vscode.commands.executeCommand('editor.action.showHover');
    await takeScreenshot('editor-hints');
    await vscode.commands.executeCommand('editor.action.hideHover');
  });

  it('filters by text, errors only and duration, and sorts by duration', async () => {
    const runNode = (): TreeNode => {
      const node = childrenOf(api).find((n) => n.id === demo.runId);
      assert.ok(node);
      return node;
    };
    try {
      await vscode.commands.executeCommand('statscope.filterErrorsOnly', true);
      const errors = childrenOf(api, runNode());
      assert.equal(errors.length, 3);
      assert.ok(errors.every((t) => t.kind === 'trace' && t.errorCount > 0));
      assert.match(api.spansView.message ?? '', /errors only/);
      await vscode.commands.executeCommand('statscope.clearSpanFilter');
      await vscode.commands.executeCommand('statscope.filterSpans', 'evaluate_model');
      assert.deepEqual([...new Set(childrenOf(api, runNode()).map((t) => labelOf(api, t)))], ['evaluate_model']);
      await vscode.commands.executeCommand('statscope.clearSpanFilter');
      await vscode.commands.executeCommand('statscope.filterSlowerThan', 10_000);
      assert.equal(childrenOf(api, runNode()).length, 0);
      await vscode.commands.executeCommand('statscope.clearSpanFilter');
      assert.equal(api.spansView.message ?? '', '');
      assert.equal(childrenOf(api, runNode()).length, 51);
      await vscode.commands.executeCommand('statscope.sortSpansByDuration');
      const sorted = childrenOf(api, runNode()).map((t) => (t.kind === 'trace' ? t.durationMs : -1));
      assert.deepEqual(sorted, [...sorted].sort((a, b) => b - a));
    } finally {
      await vscode.commands.executeCommand('statscope.clearSpanFilter');
      await vscode.commands.executeCommand('statscope.sortSpansByStart');
    }
  });

  it('shows the composites in the Metrics panel', async () => {
    await vscode.commands.executeCommand('statscope.showMetrics', demo.runId);
    const panel = api.panels.metrics;
    assert.ok(panel, 'the Metrics panel is open');
    const run = api.runs.getRun(demo.runId);
    assert.ok(run);
    const report = await domReportContaining(panel, 'model_server_prediction_latency_seconds', 'the Metrics panel');
    for (const name of ['model_server_requests_total', 'model_server_queue_depth', 'model_server_prediction_latency_seconds', 'model_server_accuracy_ratio', 'model_server_drift']) {
      assert.ok(report.textContent.includes(name), `${name} missing from the panel`);
    }
    assert.ok(report.textContent.includes('model=sentiment-v2, status=ok'));
    // The histogram's observation count, as the run store computed it, is in the panel as text.
    const latency = run.metrics.seriesNamed('model_server_prediction_latency_seconds')[0]?.composites();
    assert.equal(latency?.count, 48);
    assert.ok(report.textContent.includes('≤ 0.025'), 'histogram bucket bars');
    assert.equal(report.imgCount, 0);
    assert.ok(report.scriptCount >= 1);
    assert.deepEqual(withoutVsCodeApi(report.scriptsWithoutNonce), [], 'every script of the page carries the nonce');
    assert.equal(report.inlineHandlerCount, 0);
    assert.match(report.contentSecurityPolicy ?? '', /^default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]+'/);
    await takeScreenshot('metrics-panel');
  });

  it('renders hostile span names and label values as text in the real browser', async () => {
    const hostile = await runToEnd(api, hostileFile());
    const run = api.runs.getRun(hostile.runId);
    assert.ok(run);
    const span = [...run.spans()].find((s) => s.name === HOSTILE);
    assert.ok(span, 'the hostile span arrived');
    const node = api.runs.tree?.nodeOfSpan(run, span.traceId, span.spanId);
    assert.ok(node);
    assert.equal(labelOf(api, node), HOSTILE, 'the tree label is the literal name');
    await vscode.commands.executeCommand('statscope.openSpanDetails', node);
    const details = api.panels.spanDetails;
    assert.ok(details, 'the Span details panel is open');
    const report = await domReportContaining(details, HOSTILE, 'the Span details panel');
    assert.ok(report.textContent.includes('<script>alert(2)</script>'), 'attribute values are text too');
    assert.equal(report.imgCount, 0, 'no <img> element was created from data');
    assert.equal(report.inlineHandlerCount, 0);
    assert.deepEqual(withoutVsCodeApi(report.scriptsWithoutNonce), []);
    await takeScreenshot('span-details-hostile');

    await vscode.commands.executeCommand('statscope.showMetrics', hostile.runId);
    const metrics = api.panels.metrics;
    assert.ok(metrics);
    const metricsReport = await domReportContaining(metrics, 'sensor=<img src=x onerror=alert(3)>', 'the Metrics panel');
    assert.equal(metricsReport.imgCount, 0);
    assert.equal(metricsReport.inlineHandlerCount, 0);
  });

  it('serves its webviews with a strict CSP and a per-load nonce', () => {
    const nonces = [api.panels.metrics?.html, api.panels.spanDetails?.html].map((html) => {
      assert.ok(html, 'both panels are open');
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");
      assert.ok(csp, 'a CSP meta element');
      assert.match(csp, /^default-src 'none';/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
      assert.ok(nonce, `no script nonce in ${csp}`);
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      assert.equal(scripts.length, 1);
      for (const [, attributes, body] of scripts) {
        assert.ok((attributes ?? '').includes(`nonce="${nonce}"`), `script without the nonce: ${attributes ?? ''}`);
        assert.match(attributes ?? '', /src="https?:\/\/[^"]+\/dist\/webview\/[a-z-]+\.js"/, 'the script comes from the bundled assets (asWebviewUri)');
        assert.equal((body ?? '').trim(), '', 'no inline script code');
      }
      assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handlers');
      assert.doesNotMatch(html, /\sstyle\s*=/i, 'no inline style attributes');
      return nonce;
    });
    assert.notEqual(nonces[0], nonces[1], 'each load gets its own nonce');
  });

  it('runs the last choice again with Rerun Last Traced Program', async () => {
    const before = new Set(api.runs.runs().map((r) => r.id));
    const again = await vscode.commands.executeCommand<RunStarted | undefined>('statscope.runAgain');
    assert.ok(again, 'Run Again started nothing');
    assert.ok(!before.has(again.runId), 'a new run');
    assert.match(again.label, /^hostile-names\.js · \d\d:\d\d:\d\d$/, 'the last target (the hostile program) ran again');
    assert.equal((await api.launcher.whenFinished(again.runId))?.exitCode, 0);
  });

  it('exports a run as OTLP JSON and opens it again', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'statscope-e2e-')), 'demo.otlp.jsonl');
    const written = await vscode.commands.executeCommand<string | undefined>('statscope.exportRun', demo.runId, file);
    assert.equal(written, file);
    const firstLine = fs.readFileSync(file, 'utf8').split('\n')[0] ?? '';
    assert.ok(firstLine.startsWith('{"resourceSpans":'), firstLine.slice(0, 80));
    const openedId = await vscode.commands.executeCommand<string | undefined>('statscope.openRunFile', file);
    assert.ok(openedId);
    const opened = api.runs.getRun(openedId);
    const original = api.runs.getRun(demo.runId);
    assert.ok(opened && original);
    assert.equal(opened.state, 'imported');
    assert.equal(opened.stats().spanCount, original.stats().spanCount);
    assert.equal(opened.stats().traceCount, original.stats().traceCount);
    assert.deepEqual(opened.metrics.names(), original.metrics.names());
    api.runs.store?.flushNotifications();
    const node = childrenOf(api).find((n) => n.id === openedId);
    assert.ok(node);
    assert.equal(api.spans.provider.getTreeItem(node).contextValue, 'run.imported');
  });

  it('clears the editor hints when the runs are closed', async () => {
    const uri = vscode.Uri.file(demoFile());
    await vscode.commands.executeCommand('statscope.clearRuns');
    assert.equal(childrenOf(api).length, 0);
    assert.deepEqual(await spanLenses(uri), []);
    const requestsKey = new vscode.Position(lineOf(demoFile(), 'requests: counter('), 4);
    assert.ok(!(await hoverTexts(uri, requestsKey)).some((t) => t.includes('last values from run')));
    // The entry-file lens stays: it does not depend on a run.
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
    assert.ok(lenses.some((l) => l.command?.command === 'statscope.runWithTracing'));
  });
});
