/**
 * Exemplars in the Metrics panel, in the real VS Code host with the packaged VSIX: a program observes a
 * histogram and increments a counter inside traced spans (Run with Tracing, real OTLP from the bundled
 * runtime), the Metrics panel shows each bucket's exemplar (value, time, short trace id) and the
 * counter's next to its total, and a real click on a bucket's exemplar (by the driver, in the webview's
 * frame) opens the Trace timeline on that trace. (Named to run after runs.e2e.ts, which checks the store
 * is not loaded before its first run.)
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StatscopeApi } from '../../src/extension';
import { activated, workspaceRoot } from './support/extension';
import { domReportContaining, withoutVsCodeApi } from './support/panels';
import { runToEnd } from './support/run-program';
import { takeScreenshot } from './support/screenshot';
import { waitFor } from './support/wait';

const exemplarFile = (): string => path.resolve(workspaceRoot(), '..', 'runs', 'exemplar-histogram.js');

describe('Exemplars in the Metrics panel (real receiver, real click)', function () {
  this.timeout(90_000);
  let api: StatscopeApi;

  before(async () => {
    api = await activated();
  });

  after(() => {
    api.panels.timeline?.dispose();
    api.panels.metrics?.dispose();
  });

  it('shows a histogram bucket’s exemplar and opens its trace in the Trace timeline on click', async () => {
    const { runId } = await runToEnd(api, exemplarFile());
    const run = api.runs.getRun(runId);
    assert.ok(run);
    const latency = run.metrics.series().find((s) => s.name.startsWith('exemplar_shop_latency'));
    assert.ok(latency, 'the histogram arrived');
    const exemplars = run.metrics.exemplarsOf(latency);
    // 0.042 falls in (0.01, 0.1] (bucket 1), 0.5 in (0.1, 1] (bucket 2).
    assert.deepEqual(exemplars.map((e) => e.bucketIndex), [1, 2], 'one exemplar per observed bucket');
    const first = exemplars[0];
    assert.ok(first);
    assert.equal(run.span(first.traceId, first.spanId)?.name, 'checkout', 'the exemplar names the span it was observed in');

    await vscode.commands.executeCommand('statscope.showMetrics', runId);
    const panel = api.panels.metrics;
    assert.ok(panel, 'the Metrics panel is open');
    const short = first.traceId.slice(0, 8);
    const report = await domReportContaining(panel, `trace ${short}`, 'the Metrics panel’s exemplar link');
    assert.ok(report.textContent.includes(`0.042 @ `), 'the bucket exemplar shows its value');
    assert.ok(!report.textContent.includes('(not in run)'), 'every exemplar’s trace is in the run');
    assert.ok(report.canvasCount >= 1 && report.textContent.includes('exemplars'), 'the chart draws the exemplars as a series of points');
    assert.equal(report.inlineHandlerCount, 0);
    assert.deepEqual(withoutVsCodeApi(report.scriptsWithoutNonce), []);
    assert.deepEqual(report.cspViolations, []);
    await takeScreenshot('metrics-exemplars');

    // A real click on the exemplar of bucket ≤ 0.1.
    const shot = await takeScreenshot('metrics-exemplar-click', { click: `.bucket button.exemplar[data-trace-id="${first.traceId}"]` });
    assert.ok(shot, 'a driver took the screenshot (and clicked)');
    const timeline = await waitFor(() => (api.panels.timeline?.trace?.traceId === first.traceId ? api.panels.timeline : undefined), {
      timeout: 15_000,
      message: 'the Trace timeline to open on the exemplar’s trace',
    });
    const drawn = await domReportContaining(timeline, `trace ${first.traceId}`, 'the Trace timeline on the exemplar’s trace');
    assert.ok(drawn.textContent.includes('checkout'), 'its span is drawn');
    await takeScreenshot('metrics-exemplar-timeline');
  });
});
