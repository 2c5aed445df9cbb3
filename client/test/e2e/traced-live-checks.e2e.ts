/**
 * Live checks and search on a real traced run of the demo program (packaged VSIX, real receiver, real
 * language server): `statscope-run` diagnostics on the declaring lines (a declared metric the demo never
 * emits, label values, failed spans on their withSpan line), run values on hover at a call site, the Spans
 * view filter with key=value, hints following the selected run, the diagnostics clearing when the run is
 * removed, the actions of the Export Run and Lint Workspace notifications, and the renamed rerun command. (Named to run after runs.e2e, which checks that activation loads no run store.)
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../runs/index';
import { revealFirstProblem } from '../../src/commands/lint-notification';
import type { StatscopeApi } from '../../src/extension';
import { runFileAction } from '../../src/files/file-notification';
import type { RunStarted } from '../../src/launch/run-controller';
import { activated, EXTENSION_ID, workspaceRoot } from './support/extension';
import { takeScreenshot } from './support/screenshot';
import { waitFor } from './support/wait';

const SOURCE = 'statscope-run';
const demoFile = (): string => path.join(workspaceRoot(), 'src', 'model-server.js');

function lineOf(file: string, needle: string): number {
  const index = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle));
  assert.ok(index >= 0, `'${needle}' not in ${file}`);
  return index;
}

function runDiagnostics(uri?: vscode.Uri): vscode.Diagnostic[] {
  const all = uri === undefined ? vscode.languages.getDiagnostics().flatMap(([, d]) => d) : vscode.languages.getDiagnostics(uri);
  return all.filter((d) => d.source === SOURCE);
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function summary(d: vscode.Diagnostic): string {
  return `${d.range.start.line}: [${codeOf(d)}] ${d.message}`;
}

describe('Live checks and span search (demo program, real receiver)', function () {
  this.timeout(90_000);
  let api: StatscopeApi;
  let demo: RunStarted;

  before(async () => {
    api = await activated();
    await waitFor(() => api.server.isRunning, { timeout: 30_000, message: 'the language server is running' });
    await vscode.commands.executeCommand('statscope.clearRuns');
  });

  // Close this run's terminal and wait until the window has let it go, so later tests that count terminals
  // do not see it disappear under them.
  after(async () => {
    const ours = (): vscode.Terminal[] => vscode.window.terminals.filter((t) => t.name === 'Statscope: model-server.js');
    for (const terminal of ours()) terminal.dispose();
    await waitFor(() => ours().length === 0, { message: 'the demo run terminal closed' });
  });

  it('puts statscope-run diagnostics on the declaring lines: never emitted, label values, failed spans', async () => {
    const uri = vscode.Uri.file(demoFile());
    await vscode.window.showTextDocument(uri);
    const started = await vscode.commands.executeCommand<RunStarted | undefined>('statscope.runWithTracing', { kind: 'file', path: demoFile() });
    assert.ok(started, 'the run did not start');
    demo = started;
    assert.equal((await api.launcher.whenFinished(started.runId))?.exitCode, 0);
    api.runs.store?.flushNotifications();

    const timeoutsLine = lineOf(demoFile(), 'timeouts: counter(');
    const found = await waitFor(
      () => {
        const diagnostics = runDiagnostics(uri);
        return diagnostics.some((d) => codeOf(d) === 'declared-not-emitted' && d.range.start.line === timeoutsLine && d.severity === vscode.DiagnosticSeverity.Warning) ? diagnostics : undefined;
      },
      { timeout: 30_000, message: `a warning that model_server_timeouts_total was never emitted, on line ${timeoutsLine + 1} (have: ${runDiagnostics(uri).map(summary).join(' | ')})` },
    );
    const never = found.find((d) => codeOf(d) === 'declared-not-emitted');
    assert.match(never?.message ?? '', /^model_server_timeouts_total is declared but was never emitted in run 'model-server\.js · \d\d:\d\d:\d\d'\.$/);
    assert.equal(found.filter((d) => codeOf(d) === 'declared-not-emitted').length, 1, 'every other metric was emitted');

    const labels = found.find((d) => codeOf(d) === 'label-values');
    assert.equal(labels?.range.start.line, lineOf(demoFile(), 'requests: counter('));
    assert.match(labels?.message ?? '', /^model_server_requests_total in run 'model-server\.js · \d\d:\d\d:\d\d': 2 label sets of 2,000 allowed; model: 1 value \(sentiment-v2\); status: 2 values \(ok, error\)\.$/);

    const errors = found.filter((d) => codeOf(d) === 'span-error');
    const preprocess = errors.find((d) => d.message.includes("'preprocess' span"));
    assert.equal(preprocess?.range.start.line, lineOf(demoFile(), "withSpan('preprocess'"));
    assert.match(preprocess?.message ?? '', /^3 'preprocess' spans ended with an error in run 'model-server\.js · \d\d:\d\d:\d\d' \(last: request \d+: empty input text\)\.$/);
    await takeScreenshot('live-checks');
  });

  it('shows the run values on hover at a call site, not only at the declaration', async () => {
    const uri = vscode.Uri.file(demoFile());
    const line = lineOf(demoFile(), 'stats.predictionLatency.observe(');
    const character = fs.readFileSync(demoFile(), 'utf8').split('\n')[line]?.indexOf('predictionLatency') ?? -1;
    const texts = await waitFor(
      async () => {
        const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, character + 3))) ?? [];
        const all = hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n'));
        return all.some((t) => t.includes('last values from run')) ? all : undefined;
      },
      { timeout: 20_000, message: 'run values in the hover over stats.predictionLatency.observe(...)' },
    );
    const hover = texts.find((t) => t.includes('last values from run')) ?? '';
    assert.match(hover, /model\\_server\\_prediction\\_latency\\_seconds/);
    // A histogram's statistics: count first, then sum, avg and quantiles (no min/max of cumulative samples).
    assert.match(hover, /^\| labels \| count \| sum \| avg \| p50 \| p95 \| p99 \|$/m);
    assert.match(hover, /\| \\\(no labels\\\) \| 48 \|/);
  });

  it('narrows the Spans view with key=value, status and duration terms', async () => {
    const runNode = api.spans.provider.getChildren().find((n) => n.id === demo.runId);
    assert.ok(runNode, 'the demo run is in the tree');
    const traces = (): TreeNode[] => api.spans.provider.getChildren(runNode);
    assert.equal(traces().length, 51);
    try {
      await vscode.commands.executeCommand('statscope.filterSpans', 'model.name=sentiment-v2 status=error');
      const failed = traces();
      assert.equal(failed.length, 3, 'the three failed requests');
      assert.ok(failed.every((t) => t.kind === 'trace' && t.errorCount > 0));
      assert.match(api.spansView.message ?? '', /^Filter: "model\.name=sentiment-v2 status=error"$/);

      await vscode.commands.executeCommand('statscope.filterSpans', 'service.name=model-server name=evaluate_model');
      assert.equal(traces().length, 3, 'the three evaluations (service.name is a resource attribute)');

      await vscode.commands.executeCommand('statscope.filterSpans', 'evaluation.round=2 <1s');
      assert.equal(traces().length, 1);
      await takeScreenshot('spans-query-filter');
    } finally {
      await vscode.commands.executeCommand('statscope.clearSpanFilter');
    }
    assert.equal(traces().length, 51);
  });

  it('follows the run selected in the Spans view, else the newest', async () => {
    const uri = vscode.Uri.file(demoFile());
    const mentions = (label: string): boolean => runDiagnostics(uri).some((d) => d.message.includes(`run '${label}`) /* traced runs' labels go on with their start time */);
    const importedId = await vscode.commands.executeCommand<string | undefined>('statscope.openRunFile', path.resolve(workspaceRoot(), '..', 'otlp', 'collector-file-exporter.jsonl'));
    assert.ok(importedId, 'the run file opened');
    try {
      // The newest run (the imported file, none of the demo's metrics) is the default.
      await waitFor(() => mentions('collector-file-exporter.jsonl') && !mentions('model-server.js'), { timeout: 10_000, message: `diagnostics of the newest run (have: ${runDiagnostics(uri).map(summary).join(' | ')})` });
      assert.deepEqual(api.spanTimings.statsFor(uri.fsPath), []);
      const demoNode = api.spans.provider.getChildren().find((n) => n.id === demo.runId);
      assert.ok(demoNode);
      await vscode.commands.executeCommand('statscope.focusSpans');
      await waitFor(() => api.spansView.visible, { message: 'the Spans view is visible' });
      // A reveal racing the tree's own refresh (the run file just arrived) is refused by VS Code: try again.
      await waitFor(
        async () => {
          await api.spansView.reveal(demoNode, { select: true, focus: true });
          return api.spansView.selection[0]?.id === demo.runId;
        },
        { timeout: 10_000, message: 'the demo run is selected in the Spans view' },
      );
      await waitFor(() => mentions('model-server.js') && !mentions('collector-file-exporter.jsonl'), { timeout: 10_000, message: `diagnostics of the selected run (have: ${runDiagnostics(uri).map(summary).join(' | ')})` });
      assert.ok(api.spanTimings.statsFor(uri.fsPath).length > 0, 'the span timings follow the selected run');
    } finally {
      await vscode.commands.executeCommand('statscope.closeRun', importedId);
    }
  });

  it('clears the statscope-run diagnostics when the run is removed', async () => {
    assert.ok(runDiagnostics().length > 0);
    await vscode.commands.executeCommand('statscope.closeRun', demo.runId);
    assert.equal(api.runs.runs().length, 0);
    await waitFor(() => runDiagnostics().length === 0, { timeout: 10_000, message: `no statscope-run diagnostics left (have: ${runDiagnostics().map(summary).join(' | ')})` });
  });

  it('acts on the Export Run and Lint Workspace notifications: Open, Reveal, Go to First', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'statscope-e2e-')), 'exported.otlp.jsonl');
    fs.writeFileSync(file, '{"resourceSpans":[]}\n');
    await runFileAction('Open', vscode.Uri.file(file));
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === file, { message: 'Open shows the exported file' });
    await runFileAction('Reveal', vscode.Uri.file(demoFile()));

    const result = await vscode.commands.executeCommand<{ diagnostics: number } | undefined>('statscope.lintWorkspace');
    assert.ok(result !== undefined && result.diagnostics > 0, 'the demo workspace has lint problems');
    const editor = await revealFirstProblem();
    assert.ok(editor, 'Go to First opened a file');
    const problems = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'statscope');
    assert.ok(
      problems.some((d) => d.range.isEqual(editor.selection)),
      `the selection ${editor.selection.start.line}:${editor.selection.start.character} is a problem of ${editor.document.uri.fsPath}`,
    );
  });

  it('names the rerun command so it does not compete with Run with Tracing in the palette', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const contributed = (extension.packageJSON as { contributes: { commands: Array<{ command: string; title: string; category?: string }> } }).contributes.commands;
    const rerun = contributed.find((c) => c.command === 'statscope.runAgain');
    assert.equal(`${rerun?.category ?? ''}: ${rerun?.title ?? ''}`, 'Statscope: Rerun Last Traced Program');
    const matching = contributed.filter((c) => c.title.toLowerCase().includes('run with tracing'));
    assert.deepEqual(matching.map((c) => c.command), ['statscope.runWithTracing']);
    assert.ok((await vscode.commands.getCommands(true)).includes('statscope.runAgain'));
  });
});
