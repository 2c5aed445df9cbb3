import * as vscode from 'vscode';
import type { LintWorkspaceResult } from '../../../protocol/messages';
import { plural } from '../../../runs/tree/format';
import { log } from '../log';

const SHOW = 'Show Problems';
const FIRST = 'Go to First';

/** "Linted N files: M problems" with actions that open the Problems view or the first problem. */
export function notifyLintResult(result: LintWorkspaceResult): void {
  const message = `Statscope: linted ${plural(result.files, 'file')}: ${result.diagnostics === 0 ? 'no problems' : plural(result.diagnostics, 'problem')} (${result.durationMs} ms).`;
  log().info(message);
  const actions = result.diagnostics === 0 ? [] : [SHOW, FIRST];
  vscode.window.showInformationMessage(message, ...actions).then(
    async (choice) => {
      if (choice === SHOW) await vscode.commands.executeCommand('workbench.actions.view.problems');
      else if (choice === FIRST) await revealFirstProblem();
    },
    (error: unknown) => log().warn(`notification failed: ${String(error)}`),
  );
}

/** Opens the first Statscope lint problem (by file path, then line). */
export async function revealFirstProblem(): Promise<vscode.TextEditor | undefined> {
  const problems = vscode.languages
    .getDiagnostics()
    .flatMap(([uri, diagnostics]) => diagnostics.filter((d) => d.source === 'statscope').map((d) => ({ uri, range: d.range })))
    .sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath) || a.range.start.line - b.range.start.line);
  const first = problems[0];
  return first === undefined ? undefined : vscode.window.showTextDocument(first.uri, { selection: first.range });
}
