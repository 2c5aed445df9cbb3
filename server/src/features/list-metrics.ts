import type { DeclaredMetric } from '../../../protocol/messages';
import { exposedNameOf } from '../engine/exposed';
import { declarationsOf } from '../engine/facts';
import type { WorkspaceIndex } from '../engine/workspace-index';
import { fileNameToUri } from '../uris';

/** Every declared metric with a constant name, for `statscope/listMetrics`. */
export function listMetrics(index: WorkspaceIndex): DeclaredMetric[] {
  const out: DeclaredMetric[] = [];
  for (const fileName of index.fileNames()) {
    const facts = index.facts(fileName);
    if (!facts) continue;
    for (const decl of declarationsOf(facts)) {
      const exposedName = exposedNameOf(decl);
      if (exposedName === undefined || decl.name === undefined) continue;
      out.push({
        exposedName,
        kind: decl.kind,
        api: decl.api,
        name: decl.name,
        ...(decl.component !== undefined ? { component: decl.component } : {}),
        ...(decl.description?.value !== undefined ? { description: decl.description.value } : {}),
        ...(decl.unit?.value !== undefined ? { unit: decl.unit.value } : {}),
        labels: decl.labels?.names.filter((n): n is string => n !== undefined) ?? [],
        uri: fileNameToUri(fileName),
        line: decl.nameRange.start.line,
        character: decl.nameRange.start.character,
      });
    }
  }
  return out.sort((a, b) => (a.exposedName < b.exposedName ? -1 : a.exposedName > b.exposedName ? 1 : 0));
}
