/**
 * Run with Tracing of Python programs in the real VS Code host, with the packaged VSIX and the machine's
 * python3 (the Python extension is not installable here, so the interpreter comes from
 * `statscope.run.pythonPath` or PATH): the demo's model service runs from its .py file (the Python runtime
 * preloaded from the VSIX), its spans fill the tree and reveal their .py lines, span timings and metric
 * values show in the .py editor, a `debugpy` launch configuration runs with its args, env and cwd, and the
 * gateway run shows one trace crossing from Node.js into Python. Sorted after runs.e2e.ts on purpose: that
 * file checks the run store is not loaded before its first run.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StatscopeApi } from '../../src/extension';
import type { RunStarted } from '../../src/launch/run-controller';
import type { Run, SpanRecord, TreeNode } from '../../../runs/index';
import { activated, workspaceRoot } from './support/extension';
import { takeScreenshot } from './support/screenshot';
import { waitFor } from './support/wait';

const RUN_TIMEOUT = 45_000;
const serviceFile = (): string => path.join(workspaceRoot(), 'model_service', 'server.py');
const gatewayFile = (): string => path.join(workspaceRoot(), 'src', 'gateway.js');

/** The 1-based line of the first occurrence of `needle` in a file. */
function lineOf(file: string, needle: string): number {
  const index = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle));
  assert.ok(index >= 0, `'${needle}' not in ${file}`);
  return index + 1;
}

function labelOf(api: StatscopeApi, node: TreeNode): string {
  const label = api.spans.provider.getTreeItem(node).label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

/** Starts a target and waits for its end; the run must exit 0. */
async function runToEnd(api: StatscopeApi, target: unknown): Promise<Run> {
  const started = await vscode.commands.executeCommand<RunStarted | undefined>('statscope.runWithTracing', target);
  assert.ok(started, `Run with Tracing did not start ${JSON.stringify(target)}`);
  const finished = api.launcher.whenFinished(started.runId);
  assert.ok(finished);
  const outcome = await Promise.race([finished, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), RUN_TIMEOUT))]);
  assert.ok(outcome, `${started.label} did not finish within ${RUN_TIMEOUT} ms`);
  assert.equal(outcome.error, undefined);
  assert.equal(outcome.exitCode, 0, `${started.label} exited with ${outcome.exitCode}`);
  api.runs.store?.flushNotifications();
  const run = api.runs.getRun(started.runId);
  assert.ok(run);
  return run;
}

function spansNamed(run: Run, name: string): SpanRecord[] {
  return [...run.spans()].filter((s) => s.name === name);
}

describe('Run with Tracing: Python programs (python3 of this machine, the Python runtime from the VSIX)', function () {
  this.timeout(120_000);
  let api: StatscopeApi;
  let service: Run;
  const settingsFile = (): string => path.join(workspaceRoot(), '.vscode', 'settings.json');
  let hadSettingsFile = true;

  before(async () => {
    api = await activated();
    hadSettingsFile = fs.existsSync(settingsFile());
  });

  after(async () => {
    await vscode.workspace.getConfiguration('statscope').update('run.pythonPath', undefined, vscode.ConfigurationTarget.Workspace);
    // The workspace setting this file wrote must not stay behind in the fixture.
    if (!hadSettingsFile) fs.rmSync(settingsFile(), { force: true });
  });

  it('runs the model service from its .py file with python3 from PATH: its spans and metrics arrive', async () => {
    service = await runToEnd(api, { kind: 'file', path: serviceFile() });
    assert.match(String(service.label), /^server\.py · \d\d:\d\d:\d\d$/);
    assert.match(service.description.command ?? '', /python3?\b.*server\.py/);
    const predicts = spansNamed(service, 'model.predict');
    assert.equal(predicts.length, 10, 'one model.predict per request');
    assert.ok(predicts.every((s) => s.resource.serviceName === 'server'));
    assert.equal(spansNamed(service, 'model.forward').length, 8, 'the two empty texts are refused before the model');
    assert.equal(spansNamed(service, 'evaluate_model').length, 3);
    assert.ok(service.metrics.seriesNamed('model_service_requests_total').length === 2, 'ok and error series');
    assert.equal(service.stats().logCount, 2, 'a "prediction refused" log record per empty text');
    // The tree: a request trace is client POST → server POST → model.predict → preprocess, model.forward.
    const runNode = api.spans.provider.getChildren().find((n) => n.id === service.id);
    assert.ok(runNode);
    const trace = api.spans.provider.getChildren(runNode).find((t) => t.kind === 'trace' && t.errorCount === 0 && labelOf(api, t) === 'POST');
    assert.ok(trace, 'a successful request trace');
    const [client] = api.spans.provider.getChildren(trace);
    assert.ok(client);
    const [server] = api.spans.provider.getChildren(client);
    assert.ok(server);
    const [predict] = api.spans.provider.getChildren(server);
    assert.ok(predict);
    assert.equal(labelOf(api, predict), 'model.predict');
    assert.deepEqual(api.spans.provider.getChildren(predict).map((n) => labelOf(api, n)), ['preprocess', 'model.forward']);
  });

  it('reveals a Python span’s .py line from the tree', async () => {
    const span = spansNamed(service, 'model.predict')[0];
    assert.ok(span?.code, 'model.predict carries code.filepath/code.lineno');
    assert.equal(span.code.filePath, serviceFile());
    const node = api.runs.tree?.nodeOfSpan(service, span.traceId, span.spanId);
    assert.ok(node);
    const item = api.spans.provider.getTreeItem(node);
    assert.equal(item.command?.command, 'statscope.revealSpanSource');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const expected = lineOf(serviceFile(), 'with span("model.predict"') - 1;
    const editor = await waitFor(
      () => {
        const e = vscode.window.activeTextEditor;
        return e?.document.uri.fsPath === serviceFile() && e.selection.active.line === expected ? e : undefined;
      },
      { message: `server.py:${expected + 1} did not become the active editor selection` },
    );
    assert.equal(editor.document.languageId, 'python');
    await takeScreenshot('python-span-revealed');
  });

  it('shows span timings above Python spans and run values on hover over a define_stats keyword', async () => {
    const uri = vscode.Uri.file(serviceFile());
    await vscode.window.showTextDocument(uri);
    const lenses = await waitFor(async () => {
      const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
      const timings = all.filter((l) => l.command?.command === 'statscope.filterSpans');
      return timings.length >= 4 ? timings : undefined;
    }, { timeout: 15_000, message: 'no span timing CodeLens in server.py' });
    const at = (needle: string): vscode.CodeLens | undefined => lenses.find((l) => l.range.start.line === lineOf(serviceFile(), needle) - 1);
    assert.match(at('with span("model.predict"')?.command?.title ?? '', /^\$\(pulse\) 10 spans · p50 .* · 2 errors$/);
    assert.match(at('@traced("model.forward")')?.command?.title ?? '', /^\$\(pulse\) 8 spans · p50 /);

    const position = new vscode.Position(lineOf(serviceFile(), 'requests=counter(') - 1, 6);
    const hover = await waitFor(async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
      return hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n')).find((t) => t.includes('last values from run'));
    }, { message: 'no run-values hover on requests= in server.py' });
    assert.match(hover, /model\\_service\\_requests\\_total/);
    assert.match(hover, /\| model=sentiment\\-v2, status=ok \| 8 \|/);
    assert.match(hover, /\| model=sentiment\\-v2, status=error \| 2 \|/);
  });

  it('reports an interpreter that cannot start (statscope.run.pythonPath pointing nowhere)', async () => {
    await vscode.workspace.getConfiguration('statscope').update('run.pythonPath', path.join(workspaceRoot(), 'no-such-python'), vscode.ConfigurationTarget.Workspace);
    const started = await vscode.commands.executeCommand<RunStarted | undefined>('statscope.runWithTracing', { kind: 'file', path: serviceFile() });
    assert.ok(started, 'the run is started and then reported');
    const outcome = await api.launcher.whenFinished(started.runId);
    assert.equal(outcome?.exitCode, 127);
    assert.match(outcome?.error ?? '', /no-such-python ENOENT/);
  });

  it('runs a debugpy launch configuration with its args and env, using statscope.run.pythonPath', async () => {
    const python = (process.env['PATH'] ?? '').split(path.delimiter).map((dir) => path.join(dir, 'python3')).find((file) => fs.existsSync(file));
    assert.ok(python, 'python3 on PATH');
    await vscode.workspace.getConfiguration('statscope').update('run.pythonPath', python, vscode.ConfigurationTarget.Workspace);
    const run = await runToEnd(api, { kind: 'launch', name: 'Model service (Python)', folder: workspaceRoot() });
    assert.ok(run.description.command?.startsWith(python), `${run.description.command ?? ''} starts with the configured ${python}`);
    const predicts = spansNamed(run, 'model.predict');
    assert.equal(predicts.length, 4, 'args: --requests 4');
    assert.ok(predicts.every((s) => s.attributes.some((a) => a.key === 'model.name' && a.value === 'sentiment-v3')), 'env: MODEL_SERVICE_MODEL');
    assert.equal(predicts[0]?.code?.filePath, serviceFile());
  });

  it('runs the gateway: one trace crosses from the Node.js gateway into the Python model service', async () => {
    const run = await runToEnd(api, { kind: 'file', path: gatewayFile() });
    const roots = spansNamed(run, 'gateway.predict');
    assert.equal(roots.length, 8);
    const root = roots[0];
    assert.ok(root);
    const trace = [...run.spans()].filter((s) => s.traceId === root.traceId);
    assert.deepEqual([...new Set(trace.map((s) => s.resource.serviceName))].sort(), ['gateway', 'model-service']);
    // Parent links cross the process boundary: model.predict (Python) → … → gateway.predict (Node.js).
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const predict = trace.find((s) => s.name === 'model.predict');
    assert.ok(predict, 'the Python span is in the gateway’s trace');
    const chain: string[] = [];
    for (let s: SpanRecord | undefined = predict; s !== undefined; s = s.parentSpanId === undefined ? undefined : byId.get(s.parentSpanId)) chain.push(`${s.resource.serviceName}:${s.kind}:${s.name}`);
    assert.deepEqual(chain, ['model-service:internal:model.predict', 'model-service:server:POST', 'gateway:client:POST', 'gateway:internal:gateway.predict']);
    // The tree shows it as one trace, the Python spans nested under the Node.js ones.
    const runNode = api.spans.provider.getChildren().find((n) => n.id === run.id);
    assert.ok(runNode);
    const traceNode = api.spans.provider.getChildren(runNode).find((t) => t.kind === 'trace' && t.trace.traceId === root.traceId);
    assert.ok(traceNode);
    let node: TreeNode | undefined = api.spans.provider.getChildren(traceNode)[0];
    const path: string[] = [];
    while (node !== undefined) {
      path.push(labelOf(api, node));
      node = api.spans.provider.getChildren(node)[0];
    }
    assert.deepEqual(path.slice(0, 4), ['gateway.predict', 'POST', 'POST', 'model.predict']);
    const pythonNode = api.runs.tree?.nodeOfSpan(run, predict.traceId, predict.spanId);
    assert.ok(pythonNode);
    await vscode.commands.executeCommand('statscope.focusSpans');
    await api.spansView.reveal(pythonNode, { select: true, focus: true, expand: true });
    await takeScreenshot('cross-language-trace');
  });

  it('times Python call sites by span name when the spans carry no source location (an OpenTelemetry SDK export)', async () => {
    // What the OpenTelemetry Python SDK's exporters send: spans without code.* attributes.
    const span = (i: number, durationMs: number): Record<string, unknown> => ({
      traceId: `${'ab'.repeat(15)}${String(i).padStart(2, '0')}`,
      spanId: `${'cd'.repeat(7)}${String(i).padStart(2, '0')}`,
      name: 'model.predict',
      kind: 1,
      startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1_000_000_000n),
      endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1_000_000_000n + BigInt(durationMs) * 1_000_000n),
      status: {},
    });
    const request = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'model-service' } }] }, scopeSpans: [{ scope: { name: 'opentelemetry.sdk' }, spans: [span(1, 4), span(2, 6), span(3, 9)] }] }] };
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'statscope-e2e-')), 'otel-sdk.json');
    fs.writeFileSync(file, JSON.stringify(request));
    const runId = await vscode.commands.executeCommand<string | undefined>('statscope.openRunFile', file);
    assert.ok(runId);
    try {
      const uri = vscode.Uri.file(serviceFile());
      await vscode.window.showTextDocument(uri);
      const line = lineOf(serviceFile(), 'with span("model.predict"') - 1;
      const lens = await waitFor(async () => {
        const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
        return all.find((l) => l.command?.command === 'statscope.filterSpans' && l.range.start.line === line);
      }, { timeout: 15_000, message: 'no span timing CodeLens on the model.predict call site' });
      assert.match(lens.command?.title ?? '', /^\$\(pulse\) 3 spans · p50 6(\.0+)? ms · max 9(\.0+)? ms$/);
    } finally {
      await vscode.commands.executeCommand('statscope.closeRun', runId);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
