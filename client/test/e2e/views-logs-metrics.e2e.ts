/**
 * The Logs panel and the Metrics chart in the real VS Code host with the packaged VSIX: the demo program
 * runs through Run with Tracing (its `log.*` lines travel as real OTLP logs from the bundled runtime),
 * the Logs panel lists them with the span each was written in, a line's span is revealed in the tree and
 * its source, the Metrics panel draws a uPlot chart on a canvas, and hostile log text and label values
 * render as text in the real browser. (Named to run after runs.e2e.ts, which checks the store is not
 * loaded before its first run.)
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StatscopeApi } from '../../src/extension';
import type { RunStarted } from '../../src/launch/run-controller';
import { activated, workspaceRoot } from './support/extension';
import { domReportContaining, withoutVsCodeApi } from './support/panels';
import { runToEnd } from './support/run-program';
import { takeScreenshot } from './support/screenshot';
import { waitFor } from './support/wait';

const demoFile = (): string => path.join(workspaceRoot(), 'src', 'model-server.js');
const hostileFile = (): string => path.resolve(workspaceRoot(), '..', 'runs', 'hostile-logs.js');

describe('Logs panel and metrics chart (demo program, real receiver)', function () {
  this.timeout(90_000);
  let api: StatscopeApi;
  let demo: RunStarted;

  before(async () => {
    api = await activated();
    demo = await runToEnd(api, demoFile());
  });

  after(() => {
    api.panels.logs?.dispose();
  });

  it('lists the run’s log lines with level and attributes, each linked to the span it was written in', async () => {
    const run = api.runs.getRun(demo.runId);
    assert.ok(run);
    const entries = run.logs.entries();
    assert.ok(entries.length >= 48, `the demo's log lines arrived as OTLP log records (${entries.length})`);
    const answered = entries.find((e) => e.body === 'prediction answered' && e.spanId !== undefined);
    assert.ok(answered?.traceId !== undefined && answered.spanId !== undefined, 'a line carries its span');
    const span = run.span(answered.traceId, answered.spanId);
    assert.equal(span?.name, 'handle_request', 'the line links to the span it was logged in');

    await vscode.commands.executeCommand('statscope.showLogs', demo.runId);
    const panel = api.panels.logs;
    assert.ok(panel, 'the Logs panel is open');
    const report = await domReportContaining(panel, 'prediction answered', 'the Logs panel');
    for (const text of ['request failed', 'model evaluated', 'handle_request', 'request_id=', 'info', 'warn']) assert.ok(report.textContent.includes(text), `${text} missing from the Logs panel`);
    assert.equal(report.imgCount, 0);
    assert.equal(report.inlineHandlerCount, 0);
    assert.deepEqual(withoutVsCodeApi(report.scriptsWithoutNonce), [], 'every script of the page carries the nonce');
    assert.match(report.contentSecurityPolicy ?? '', /^default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]+'/);
    assert.deepEqual(report.cspViolations, []);
    await takeScreenshot('logs-panel');

    // The level filter (what the panel's select sends): warnings and above only.
    panel.setFilter({ minLevel: 'warn', text: '' });
    const warnings = await domReportContaining(panel, ' the filter', 'the filtered Logs panel');
    assert.ok(warnings.textContent.includes('request failed'));
    assert.ok(!warnings.textContent.includes('prediction answered'), 'info lines are filtered out');
    panel.setFilter({ minLevel: 'all', text: 'evaluated' });
    const evaluated = await domReportContaining(panel, 'model evaluated', 'the text-filtered Logs panel');
    assert.ok(!evaluated.textContent.includes('request failed'));
    panel.setFilter({ minLevel: 'all', text: '' });
  });

  it('reveals a log line’s span in the Spans view and opens its source line', async () => {
    const run = api.runs.getRun(demo.runId);
    const line = run?.logs.entries().find((e) => e.body === 'prediction answered');
    assert.ok(line?.traceId !== undefined && line.spanId !== undefined);
    const revealed = await api.spans.revealSpan({ runId: demo.runId, traceId: line.traceId, spanId: line.spanId });
    assert.equal(revealed, true);
    await waitFor(
      () => {
        const selected = api.spansView.selection[0];
        return selected?.kind === 'span' && selected.span.spanId === line.spanId;
      },
      { message: 'the span to be selected in the Spans view' },
    );
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === demoFile(), { message: 'its source to open' });
    const editorLine = vscode.window.activeTextEditor?.selection.active.line ?? -1;
    assert.match(vscode.window.activeTextEditor?.document.lineAt(editorLine).text ?? '', /withSpan\('handle_request'/);
  });

  it('lists a span’s log lines in Span details', async () => {
    const run = api.runs.getRun(demo.runId);
    const line = run?.logs.entries().find((e) => e.body === 'prediction answered');
    assert.ok(line?.traceId !== undefined && line.spanId !== undefined);
    await vscode.commands.executeCommand('statscope.openSpanDetails', { runId: demo.runId, traceId: line.traceId, spanId: line.spanId });
    const details = api.panels.spanDetails;
    assert.ok(details);
    const report = await domReportContaining(details, 'INFO: prediction answered', 'the Span details panel');
    assert.ok(report.textContent.includes('Logs (1)'));
  });

  it('charts a metric over time with uPlot (a canvas, hover legend) in the Metrics panel', async () => {
    await vscode.commands.executeCommand('statscope.showMetrics', demo.runId);
    const panel = api.panels.metrics;
    assert.ok(panel, 'the Metrics panel is open');
    const report = await domReportContaining(panel, 'over time', 'the Metrics panel chart');
    assert.ok(report.canvasCount >= 1, 'uPlot drew on a canvas');
    assert.deepEqual(report.cspViolations, [], 'uPlot works under the strict CSP (no inline style or script was blocked)');
    for (const text of ['model_server_requests_total', 'increase', 'rate 1m', 'p95', 'p99', 'ratio', 'seconds']) assert.ok(report.textContent.includes(text), `${text} missing from the Metrics panel`);
    assert.ok(report.textContent.includes('≤ 0.025'), 'histogram bucket bars');
    assert.deepEqual(withoutVsCodeApi(report.scriptsWithoutNonce), []);
    assert.equal(report.inlineHandlerCount, 0);
    await takeScreenshot('metrics-chart');
  });

  it('renders a hostile log message and metric label value as text in both panels', async () => {
    const hostile = await runToEnd(api, hostileFile());
    await vscode.commands.executeCommand('statscope.showLogs', hostile.runId);
    const logs = api.panels.logs;
    assert.ok(logs);
    const logsReport = await domReportContaining(logs, '<script>alert(5)</script>', 'the Logs panel');
    assert.ok(logsReport.textContent.includes('payload=<img src=x onerror=alert(6)>'), 'attribute values are text too');
    assert.ok(logsReport.textContent.includes('hostile log span'), 'the line links to its span');
    assert.equal(logsReport.imgCount, 0, 'no <img> element was created from data');
    assert.equal(logsReport.inlineHandlerCount, 0);
    assert.deepEqual(withoutVsCodeApi(logsReport.scriptsWithoutNonce), [], 'no <script> element was created from data');
    await takeScreenshot('logs-panel-hostile');

    await vscode.commands.executeCommand('statscope.showMetrics', hostile.runId);
    const metrics = api.panels.metrics;
    assert.ok(metrics);
    const metricsReport = await domReportContaining(metrics, 'kind=<script>alert(7)</script>', 'the Metrics panel');
    assert.ok(metricsReport.canvasCount >= 1);
    assert.equal(metricsReport.imgCount, 0);
    assert.equal(metricsReport.inlineHandlerCount, 0);
    assert.deepEqual(withoutVsCodeApi(metricsReport.scriptsWithoutNonce), []);
  });
});
