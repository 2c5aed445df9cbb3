import { delimiter } from 'node:path';
import * as vscode from 'vscode';
import { Config } from '../config';
import { log } from '../log';
import { plural } from '../../../runs/tree/format';
import type { Run, TracedRun, TracedRunOptions, TracedRunResult } from '../../../runs/index';
import type { RunsHost } from '../store/runs-host';
import { readEnvFile } from './env-file';
import { prepareLaunch } from './prepare-launch';
import { programEnv } from './program-env';
import { createRunnerContext } from './runner-context';
import { planRun } from './runners';
import type { RunPlan } from './runners';
import { labelWithStartTime } from './run-label';
import { RunStatusBar } from './run-status-bar';
import { isRunnableFile, isRunTarget } from './run-target';
import type { RunTarget } from './run-target';
import { RunTerminal } from './run-terminal';
import { runPreLaunchTask } from './task-runner';
import { pickRunTarget } from './target-picker';
import { exitLine, headerLine } from './terminal-text';

const LAST_TARGET_KEY = 'statscope.lastRunTarget';

/** What `statscope.runWithTracing` returns (plain data). */
export interface RunStarted {
  readonly runId: string;
  readonly label: string;
}

/** How a traced run ended. */
export interface RunOutcome {
  readonly runId: string;
  readonly exitCode: number;
  readonly error: string | undefined;
  readonly spanCount: number;
}

/** Why Run with Tracing started nothing: the text the user was shown. */
export interface RunRefusal {
  /** `untrusted`: the workspace is not trusted; `plan`: the target cannot run; `prepare`: its preLaunchTask or envFile failed. */
  readonly reason: 'untrusted' | 'plan' | 'prepare';
  readonly message: string;
}

interface ActiveRun {
  readonly traced: TracedRun;
  readonly terminal: RunTerminal;
  readonly finished: Promise<RunOutcome>;
}

/**
 * Run with Tracing: resolves what to run (argument, active file, npm script, launch configuration),
 * plans it with a runner, starts it through the runs module with the bundled preload and a fresh
 * receiver, streams its output to a terminal, and shows progress and a status-bar item until it ends.
 */
export class RunController implements vscode.Disposable {
  private readonly active = new Map<string, ActiveRun>();
  private readonly outcomes = new Map<string, Promise<RunOutcome>>();
  private readonly terminals: RunTerminal[] = [];
  private readonly statusBar: RunStatusBar;
  private readonly startEmitter = new vscode.EventEmitter<Run>();
  private readonly refuseEmitter = new vscode.EventEmitter<RunRefusal>();
  /** Fires when a traced run started. */
  readonly onDidStartRun = this.startEmitter.event;
  /** Fires when Run with Tracing refused to start a program, with the explanation it showed. */
  readonly onDidRefuseRun = this.refuseEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly host: RunsHost,
    private readonly revealRun: (run: Run) => void,
  ) {
    this.statusBar = new RunStatusBar(host);
  }

  /** Whether a traced program is running. */
  get isRunning(): boolean {
    return this.active.size > 0;
  }

  /** Resolves when the run ended (undefined for runs this window did not start). */
  whenFinished(runId: string): Promise<RunOutcome> | undefined {
    return this.outcomes.get(runId);
  }

  /** `statscope.runWithTracing`: a Uri (explorer, editor title, CodeLens), a {@link RunTarget}, or nothing (ask). */
  async runWithTracing(arg?: unknown): Promise<RunStarted | undefined> {
    if (!this.checkTrust()) return undefined;
    const target = await this.targetOf(arg);
    return target === undefined ? undefined : this.start(target);
  }

  /** `statscope.runAgain`: the last target, without asking. */
  async runAgain(): Promise<RunStarted | undefined> {
    if (!this.checkTrust()) return undefined;
    const last = this.context.workspaceState.get<unknown>(LAST_TARGET_KEY);
    return isRunTarget(last) ? this.start(last) : this.runWithTracing();
  }

  /** `statscope.stopRun`: a run id or run tree node, else the only running run (or a choice). */
  async stop(arg?: unknown): Promise<void> {
    const id = typeof arg === 'string' ? arg : runIdOf(arg);
    let run = id === undefined ? undefined : this.active.get(id);
    if (run === undefined && id === undefined) {
      const running = [...this.active.values()];
      if (running.length <= 1) run = running[0];
      else {
        const picked = await vscode.window.showQuickPick(
          running.map((r) => ({ label: r.traced.run.label, run: r })),
          { title: 'Statscope: Stop Run' },
        );
        run = picked?.run;
      }
    }
    if (run === undefined) {
      void vscode.window.setStatusBarMessage('Statscope: no traced program is running.', 3000);
      return;
    }
    log().info(`stopping ${run.traced.run.label}`);
    run.traced.stop();
  }

  dispose(): void {
    for (const run of this.active.values()) run.traced.stop();
    for (const terminal of this.terminals) terminal.dispose();
    this.statusBar.dispose();
    this.startEmitter.dispose();
    this.refuseEmitter.dispose();
  }

  private checkTrust(): boolean {
    if (vscode.workspace.isTrusted) return true;
    const message = 'Statscope: Run with Tracing starts programs from this workspace, so it needs a trusted workspace. Linting keeps working without trust.';
    this.refuseEmitter.fire({ reason: 'untrusted', message });
    void vscode.window
      .showWarningMessage(message, 'Manage Workspace Trust')
      .then((choice) => (choice === undefined ? undefined : vscode.commands.executeCommand('workbench.trust.manage')));
    return false;
  }

  /** Tells the user why nothing started (and the e2e tests, through {@link onDidRefuseRun}). */
  private refuse(reason: RunRefusal['reason'], text: string): undefined {
    const message = `Statscope: ${text}`;
    log().warn(text);
    this.refuseEmitter.fire({ reason, message });
    // A target that cannot run is information; a configured step that failed is an error to fix.
    void (reason === 'plan' ? vscode.window.showInformationMessage(message) : vscode.window.showErrorMessage(message));
    return undefined;
  }

  private async targetOf(arg: unknown): Promise<RunTarget | undefined> {
    if (arg instanceof vscode.Uri) {
      if (arg.scheme !== 'file' || !isRunnableFile(arg.fsPath)) {
        void vscode.window.showWarningMessage(`Statscope: ${vscode.workspace.asRelativePath(arg)} is not a program Run with Tracing can start.`);
        return undefined;
      }
      return { kind: 'file', path: arg.fsPath };
    }
    if (isRunTarget(arg)) return arg;
    const last = this.context.workspaceState.get<unknown>(LAST_TARGET_KEY);
    return pickRunTarget(createRunnerContext(new Config()), isRunTarget(last) ? last : undefined);
  }

  private async start(target: RunTarget): Promise<RunStarted | undefined> {
    await this.context.workspaceState.update(LAST_TARGET_KEY, target);
    const config = new Config();
    const planned = await planRun(target, createRunnerContext(config));
    if (!planned.ok) return this.refuse('plan', planned.message);
    const prepared = await prepareLaunch(planned.plan, { runTask: runPreLaunchTask, readEnvFile, warn: (line) => log().warn(line) });
    if (!prepared.ok) {
      if (!('isCancelled' in prepared)) return this.refuse('prepare', prepared.message);
      log().info(prepared.message); // the user cancelled: nothing to tell them
      return undefined;
    }
    const { module, store } = await this.host.load();
    const preloadPath = module.findPreload(this.context.extensionPath);
    if (preloadPath === undefined) {
      void vscode.window.showErrorMessage('Statscope: the runtime preload (runtime/dist/register.cjs) is missing from the extension. Reinstall Statscope.');
      return undefined;
    }
    const pythonPreloadDir = module.findPythonPreload(this.context.extensionPath);
    if (pythonPreloadDir === undefined && planned.plan.isPython === true) {
      void vscode.window.showErrorMessage('Statscope: the Python runtime (runtime/python/statscope) is missing from the extension. Reinstall Statscope.');
      return undefined;
    }
    return this.launch(prepared.plan, { module, store, preloadPath, pythonPreloadDir, config });
  }

  private async launch(
    plan: RunPlan,
    deps: { module: NonNullable<RunsHost['module']>; store: NonNullable<RunsHost['store']>; preloadPath: string; pythonPreloadDir: string | undefined; config: Config },
  ): Promise<RunStarted> {
    this.closeEndedTerminals();
    // The terminal exists before the run (it shows the start); Ctrl+C stops the run once there is one.
    const started: { traced?: TracedRun } = {};
    const terminal = new RunTerminal(`Statscope: ${plan.label}`, () => started.traced?.stop());
    this.terminals.push(terminal);
    const forward = deps.config.forward;
    const env = programEnv(process.env, plan.env, { runtimeModulesDir: this.context.asAbsolutePath('dist/node-path'), delimiter });
    const startedMs = performance.now();
    const options: TracedRunOptions = {
      store: deps.store,
      command: plan.command,
      args: plan.args,
      cwd: plan.cwd,
      env,
      // The one place a run's label is made: the tree, the Metrics panel and the status bar show it.
      label: labelWithStartTime(plan.label, new Date()),
      preloadPath: deps.preloadPath,
      pythonPreloadDir: deps.pythonPreloadDir,
      granularity: deps.config.runGranularity,
      mode: deps.config.runMode,
      serviceName: plan.serviceName,
      stdio: 'pipe',
      killTree: true,
      shell: plan.shell,
      forward: forward === undefined ? undefined : { endpoint: forward.endpoint, headers: forward.headers },
      maxRunBytes: deps.config.maxRunBytes,
    };
    const traced = await deps.module.startTracedRun(options).catch((error: unknown) => {
      terminal.end(`The receiver could not start: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    });
    started.traced = traced;
    const run = traced.run;
    const line = deps.module.commandLine(plan.command, plan.args);
    log().info(`run ${run.id}: ${line} (in ${plan.cwd}), receiver ${traced.receiver.url}${plan.detail === undefined ? '' : `; ${plan.detail}`}`);
    terminal.writeLine(headerLine(line, plan.cwd));
    pipe(traced.program.stdout, terminal);
    pipe(traced.program.stderr, terminal);
    terminal.terminal.show(true);
    const finished = this.watch(traced, terminal, startedMs, plan.startHint ?? 'Check the setting statscope.run.nodePath.');
    this.active.set(run.id, { traced, terminal, finished });
    this.updateRunningContext();
    this.outcomes.set(run.id, finished);
    this.statusBar.track(run, traced.receiver);
    this.warnOnGrpc(traced);
    this.startEmitter.fire(run);
    this.revealRun(run);
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Statscope: running ${plan.label}` }, () => finished);
    return { runId: run.id, label: run.label };
  }

  private async watch(traced: TracedRun, terminal: RunTerminal, started: number, startHint: string): Promise<RunOutcome> {
    const result: TracedRunResult = await traced.finished;
    const run = traced.run;
    const stats = run.stats();
    terminal.end(
      exitLine({
        exitCode: result.exit.exitCode,
        signal: result.exit.signal,
        error: result.exit.error,
        spanCount: stats.spanCount,
        errorSpanCount: stats.errorSpanCount,
        durationMs: performance.now() - started,
      }),
    );
    this.active.delete(run.id);
    this.updateRunningContext();
    this.statusBar.update();
    const received = result.receiver;
    const refusals = this.host.module?.describeRefusals(received.rejected);
    log().info(`run ${run.id} ended: exit ${result.exit.exitCode}, ${plural(stats.spanCount, 'span')}, ${plural(stats.seriesCount, 'series', 'series')}; receiver: ${plural(received.requests, 'request')}${refusals === undefined ? '' : ` (${refusals})`}${result.isFlushComplete ? '' : ' (still arriving at the end of the flush wait)'}`);
    if (result.exit.error !== undefined) {
      void vscode.window.showErrorMessage(`Statscope: ${run.label} could not start: ${result.exit.error}. ${startHint}`);
    }
    return { runId: run.id, exitCode: result.exit.exitCode, error: result.exit.error, spanCount: stats.spanCount };
  }

  /** Once per run: a program that speaks OTLP/gRPC sends nothing this receiver can take; say how to switch. */
  private warnOnGrpc(traced: TracedRun): void {
    const subscription = traced.receiver.onDidRefuse((reason) => {
      if (reason !== 'grpc') return;
      subscription.dispose();
      const message = `Statscope: ${traced.run.label} sends OTLP/gRPC, but Run with Tracing receives OTLP/HTTP: set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf (or configure its exporter for OTLP/HTTP).`;
      log().warn(message);
      void vscode.window.showWarningMessage(message);
    });
  }

  private updateRunningContext(): void {
    void vscode.commands.executeCommand('setContext', 'statscope.isRunning', this.active.size > 0);
  }

  /** Terminals of finished runs are replaced by the next run's (as tasks reuse theirs). */
  private closeEndedTerminals(): void {
    for (let i = this.terminals.length - 1; i >= 0; i--) {
      const terminal = this.terminals[i];
      if (terminal?.isEnded === true) {
        terminal.dispose();
        this.terminals.splice(i, 1);
      }
    }
  }
}

function pipe(stream: NodeJS.ReadableStream | null, terminal: RunTerminal): void {
  if (stream === null) return;
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => terminal.write(chunk));
}

/** The run id of a run tree node (`{ kind: 'run', run }`). */
function runIdOf(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as { kind?: unknown; run?: { id?: unknown } }; // a TreeNode from the Spans view
  return node.kind === 'run' && typeof node.run?.id === 'string' ? node.run.id : undefined;
}
