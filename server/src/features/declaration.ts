/** Go to declaration: from a `stats.key` use (or a struct binding) to where the metric is declared. */
import type { Location } from 'vscode-languageserver';
import type { Position } from '../engine/types';
import type { WorkspaceView } from '../engine/workspace-view';
import { fileNameToUri } from '../uris';
import { metricAt } from './metric-at';

/** The declaration's location, or undefined when no metric is at the position. */
export function declarationAt(workspace: WorkspaceView, fileName: string, position: Position): Location | undefined {
  const target = metricAt(workspace, fileName, position);
  if (!target) return undefined;
  const range = target.kind === 'metric' ? target.decl.nameRange : target.struct.component.range;
  return { uri: fileNameToUri(target.fileName), range };
}
