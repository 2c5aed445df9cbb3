/** Rename a metric: the struct key and every use across the workspace (or a raw metric's name literal). */
import type { Range, WorkspaceEdit } from 'vscode-languageserver';
import { renameMetricEdits } from '../engine/fixes';
import type { Position } from '../engine/types';
import type { WorkspaceView } from '../engine/workspace-view';
import { metricAt } from './metric-at';
import { toWorkspaceEdit } from './workspace-edit';

/** The range and current name to rename, or an error message when the position holds no renamable metric. */
export function prepareRenameAt(workspace: WorkspaceView, fileName: string, position: Position): { range: Range; placeholder: string } | { error: string } {
  const target = metricAt(workspace, fileName, position);
  if (target?.kind !== 'metric' || target.decl.name === undefined) return { error: 'Not a declared metric.' };
  if (target.decl.api !== 'statscope' && (target.decl.nameQuote === undefined || target.decl.nameQuote === '' || target.fileName !== fileName)) {
    return { error: 'Only the name literal of this metric can be renamed.' };
  }
  return { range: target.range, placeholder: target.decl.name };
}

/** The workspace edit that renames the metric at a position, or an error message. */
export function renameAt(workspace: WorkspaceView, fileName: string, position: Position, newName: string): WorkspaceEdit | { error: string } {
  const target = metricAt(workspace, fileName, position);
  if (target?.kind !== 'metric') return { error: 'Not a declared metric.' };
  if (!/^[A-Za-z_$][\w$]*$/.test(newName) && target.decl.api === 'statscope') return { error: `'${newName}' is not a valid metric key.` };
  if (newName.trim() === '') return { error: 'The new name is empty.' };
  const edits = renameMetricEdits(workspace, target.fileName, target.decl, newName);
  if (!edits) return { error: 'Some uses of this metric cannot be renamed automatically.' };
  return toWorkspaceEdit(target.fileName, edits);
}
