import * as vscode from 'vscode';
import type { Run, RunStore, SpanTreeModel, StoreChangeEvent } from '../../../runs/index';
import { Config } from '../config';
import { log } from '../log';
import { hintRunId } from './hint-run';
import type { RunSelection } from './hint-run';

/** The vscode-free runs module, loaded on first use (it is not needed to activate). */
export type RunsModule = typeof import('../../../runs/index');

/** The store and tree model, once loaded. */
export interface LoadedRuns {
  readonly module: RunsModule;
  readonly store: RunStore;
  readonly tree: SpanTreeModel;
}

/**
 * Owns the window's run store. Nothing is loaded at activation: the runs module, the store and the
 * span tree model are created by the first run, the first opened run file or the first view that
 * needs them. Consumers listen to {@link onDidChange} (the store's throttled changes, and the load).
 */
export class RunsHost implements vscode.Disposable {
  private loading: Promise<LoadedRuns> | undefined;
  private loaded: LoadedRuns | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<StoreChangeEvent | undefined>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  /** Fires after the store changed (coalesced), and with `undefined` once it is loaded. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly selectEmitter = new vscode.EventEmitter<void>();
  /** Fires when the run the editor hints follow may have changed (see {@link hintRun}). */
  readonly onDidSelectRun = this.selectEmitter.event;
  private selection: RunSelection | undefined;

  /** The store, or undefined before anything needed it. */
  get store(): RunStore | undefined {
    return this.loaded?.store;
  }

  /** The span tree model, or undefined before the store exists. */
  get tree(): SpanTreeModel | undefined {
    return this.loaded?.tree;
  }

  /** The runs module, when loaded. */
  get module(): RunsModule | undefined {
    return this.loaded?.module;
  }

  /** Loads the runs module and creates the store (once). */
  load(): Promise<LoadedRuns> {
    this.loading ??= this.create();
    return this.loading;
  }

  /** Runs, newest first (empty before the store exists). */
  runs(): readonly Run[] {
    return this.loaded === undefined ? [] : this.loaded.store.runs().slice().reverse();
  }

  /** The newest run: the one editor hints and the Metrics panel show by default. */
  latestRun(): Run | undefined {
    return this.runs()[0];
  }

  /**
   * The run editor hints and live checks follow: the one last selected in the Spans view, until it is
   * removed or a newer run starts; otherwise the newest.
   */
  hintRun(): Run | undefined {
    const id = hintRunId(this.selection, this.latestRun()?.id, (runId) => this.getRun(runId) !== undefined);
    return id === undefined ? undefined : this.getRun(id);
  }

  /** Makes a run the one editor hints follow (the Spans view calls this on selection). */
  selectRun(id: string): void {
    const newestIdAtSelection = this.latestRun()?.id;
    if (this.selection?.runId === id && this.selection.newestIdAtSelection === newestIdAtSelection) return;
    this.selection = { runId: id, newestIdAtSelection };
    this.selectEmitter.fire();
  }

  getRun(id: string): Run | undefined {
    return this.loaded?.store.getRun(id);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.selectEmitter.dispose();
    this.loaded?.tree.dispose();
    this.loaded?.store.dispose();
  }

  private async create(): Promise<LoadedRuns> {
    const started = performance.now();
    const module = await import('../../../runs/index.js');
    const config = new Config();
    const store = new module.RunStore({
      maxRuns: config.maxRuns,
      maxSpansPerRun: config.maxSpansPerRun,
      onListenerError: (error) => log().error(`a run listener failed: ${String(error)}`),
    });
    const tree = new module.SpanTreeModel(store, { sort: 'start', pageSize: 500 });
    const subscription = store.onDidChange((event) => this.changeEmitter.fire(event));
    this.disposables.push(new vscode.Disposable(() => subscription.dispose()));
    this.loaded = { module, store, tree };
    log().info(`run store ready in ${(performance.now() - started).toFixed(1)} ms`);
    this.changeEmitter.fire(undefined);
    return this.loaded;
  }
}
