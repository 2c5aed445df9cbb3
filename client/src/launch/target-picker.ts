import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { isNodeLaunchType, launchConfigurations } from './launch-config';
import { isPythonLaunchType } from './python-launch-config';
import { activeFilePath } from './runner-context';
import { isRunnableFile, npmScriptsOf, sameTarget, targetLabel } from './run-target';
import type { RunTarget } from './run-target';
import type { RunnerContext } from './runners';

interface Candidate {
  readonly target: RunTarget;
  readonly item: vscode.QuickPickItem;
}

/**
 * Decides what Run with Tracing runs when no target was passed: the only candidate, else the
 * user's choice from a quick pick (the active file first, the last choice marked). Undefined when
 * there is nothing to run or the user cancelled.
 */
export async function pickRunTarget(context: RunnerContext, last: RunTarget | undefined): Promise<RunTarget | undefined> {
  const candidates = await findCandidates(context);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(
      'Statscope: nothing to run. Open a JavaScript, TypeScript or Python file, or add an npm script or a launch configuration of type node or debugpy.',
    );
    return undefined;
  }
  if (candidates.length === 1) return candidates[0]?.target;
  const items = candidates.map((c) => ({ ...c.item, target: c.target, description: last !== undefined && sameTarget(c.target, last) ? `${c.item.description ?? ''} · last run` : (c.item.description ?? '') }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Statscope: Run with Tracing', placeHolder: 'What should run with tracing?', matchOnDescription: true });
  return picked?.target;
}

async function findCandidates(context: RunnerContext): Promise<Candidate[]> {
  const out: Candidate[] = [];
  const active = activeFilePath();
  if (active !== undefined && isRunnableFile(active)) {
    out.push({ target: { kind: 'file', path: active }, item: { label: `$(file-code) ${targetLabel({ kind: 'file', path: active })}`, description: 'active file' } });
  }
  const packageDirs = new Set((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath));
  if (active !== undefined) packageDirs.add(dirname(active));
  for (const dir of packageDirs) {
    const text = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    for (const script of npmScriptsOf(text)) {
      out.push({ target: { kind: 'npmScript', script, packageDir: dir }, item: { label: `$(package) npm run ${script}`, description: vscode.workspace.asRelativePath(join(dir, 'package.json')) } });
    }
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const config of launchConfigurations(context.launchConfigurations(folder.uri.fsPath))) {
      if (!isNodeLaunchType(config.type) && !isPythonLaunchType(config.type)) continue;
      out.push({ target: { kind: 'launch', name: config.name, folder: folder.uri.fsPath }, item: { label: `$(debug-alt) ${config.name}`, description: `launch.json · ${folder.name}` } });
    }
  }
  return out;
}
