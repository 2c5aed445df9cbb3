import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { EditDescriptor } from '../engine/types';
import { fileNameToUri } from '../uris';

/** Groups range edits by file into an LSP workspace edit; edits without a file name belong to `fileName`. */
export function toWorkspaceEdit(fileName: string, edits: readonly (EditDescriptor | { range: TextEdit['range']; newText: string; fileName?: string })[]): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of edits) {
    if (!('range' in edit)) continue;
    const uri = fileNameToUri(edit.fileName ?? fileName);
    (changes[uri] ??= []).push({ range: edit.range, newText: edit.newText });
  }
  return { changes };
}
