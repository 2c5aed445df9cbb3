import * as vscode from 'vscode';

/** The two runs of the open comparison (older = base). */
export interface ComparedRuns {
  readonly baseRunId: string;
  readonly headRunId: string;
}

/**
 * Which runs are being compared, for the editor hints (the span CodeLens adds the change against the
 * other run). Set by the Compare panel; cleared when it closes.
 */
export class CompareSelection {
  private static pair: ComparedRuns | undefined;
  private static readonly emitter = new vscode.EventEmitter<void>();
  static readonly onDidChange = CompareSelection.emitter.event;

  static get current(): ComparedRuns | undefined {
    return CompareSelection.pair;
  }

  static set(pair: ComparedRuns | undefined): void {
    if (pair?.baseRunId === CompareSelection.pair?.baseRunId && pair?.headRunId === CompareSelection.pair?.headRunId) return;
    CompareSelection.pair = pair;
    CompareSelection.emitter.fire();
  }
}
