/** What metric (or struct) sits at a position: a declaration's name, a `stats.key` use, or a struct binding. */
import type { MetricDecl, MetricUse, StructDecl } from '../engine/facts';
import type { Position, Range } from '../engine/types';
import type { WorkspaceView } from '../engine/workspace-view';

/** What sits under the cursor: a declared metric, an undeclared key, or a struct. */
export type MetricTarget =
  | {
      readonly kind: 'metric';
      /** The file that declares the metric. */
      readonly fileName: string;
      readonly decl: MetricDecl;
      readonly struct?: StructDecl;
      /** The range under the cursor (the key of a use, or the declared name). */
      readonly range: Range;
    }
  | { readonly kind: 'undeclared'; readonly fileName: string; readonly struct: StructDecl; readonly key: string; readonly range: Range }
  | { readonly kind: 'struct'; readonly fileName: string; readonly struct: StructDecl; readonly range: Range };

/** True when `p` lies within `r` (inclusive of the end, so a cursor right after a name counts). */
export function inRange(p: Position, r: Range): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

/** The metric at a position of an indexed file. */
export function metricAt(workspace: WorkspaceView, fileName: string, position: Position): MetricTarget | undefined {
  const facts = workspace.facts(fileName);
  if (!facts) return undefined;
  for (const struct of facts.structs) {
    if (inRange(position, struct.component.range)) return { kind: 'struct', fileName, struct, range: struct.component.range };
    const decl = struct.metrics.find((m) => inRange(position, m.nameRange));
    if (decl) return { kind: 'metric', fileName, decl, struct, range: decl.nameRange };
  }
  const raw = facts.rawMetrics.find((m) => inRange(position, m.nameRange));
  if (raw) return { kind: 'metric', fileName, decl: raw, range: raw.nameRange };
  for (const use of facts.uses) {
    const target = useTarget(workspace, fileName, use, position);
    if (target) return target;
  }
  return undefined;
}

function useTarget(workspace: WorkspaceView, fileName: string, use: MetricUse, position: Position): MetricTarget | undefined {
  const handled = use.handleMembers ?? 0;
  const onReceiver = handled === 0 && inRange(position, use.receiverRange);
  const memberIndex = use.members.findIndex((m, i) => i >= handled && inRange(position, m.range));
  if (!onReceiver && memberIndex < 0) return undefined;
  const r = workspace.resolveUse(fileName, use);
  if (!r) return undefined;
  const t = r.target;
  if (t.kind === 'raw') return onReceiver ? { kind: 'metric', fileName: t.fileName, decl: t.metric, range: use.receiverRange } : undefined;
  if (onReceiver || memberIndex < r.offset) return { kind: 'struct', fileName: t.fileName, struct: t.struct, range: use.receiverRange };
  if (memberIndex !== r.offset) return undefined;
  const key = use.members[memberIndex];
  if (!key) return undefined;
  const decl = t.struct.metrics.find((m) => m.name === key.name);
  if (!decl) return { kind: 'undeclared', fileName: t.fileName, struct: t.struct, key: key.name, range: key.range };
  return { kind: 'metric', fileName: t.fileName, decl, struct: t.struct, range: key.range };
}
