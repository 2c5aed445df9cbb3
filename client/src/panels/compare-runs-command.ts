import * as vscode from 'vscode';
import type { Run } from '../../../runs/index';
import type { RunsHost } from '../store/runs-host';
import type { ComparedRuns } from './compare-selection';

/** A run from a command argument: a run id, or a node of the Spans view. */
export function runIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as { kind?: unknown; run?: { id?: unknown } }; // a node of the Spans view
  return (node.kind === 'run' || node.kind === 'trace' || node.kind === 'span') && typeof node.run?.id === 'string' ? node.run.id : undefined;
}

/** Asks which other run to compare with (labels carry the start time); undefined when dismissed or none. */
async function pickOtherRun(host: RunsHost, run: Run): Promise<Run | undefined> {
  const others = host.runs().filter((r) => r !== run);
  if (others.length === 0) {
    void vscode.window.showInformationMessage('Statscope: there is no other run to compare with. Run the program again (or open a run file), then compare.');
    return undefined;
  }
  const items = others.map((r) => ({ label: r.label, description: `${r.state} · ${r.stats().spanCount.toLocaleString('en-US')} spans`, run: r }));
  const picked = await vscode.window.showQuickPick(items, { title: `Compare ${run.label} with…`, placeHolder: 'The other run' });
  return picked?.run;
}

/**
 * `statscope.compareRuns`: the run (node or id; else the newest) and the other run (id or node as the
 * second argument, else picked). The older run is the base, so changes read as "newer against older".
 */
export async function resolveComparedRuns(host: RunsHost, arg: unknown, otherArg: unknown): Promise<ComparedRuns | undefined> {
  await host.load();
  const run = host.getRun(runIdOf(arg) ?? '') ?? host.latestRun();
  if (run === undefined) {
    void vscode.window.setStatusBarMessage('Statscope: no runs to compare yet.', 3000);
    return undefined;
  }
  const otherId = runIdOf(otherArg);
  const other = otherId === undefined ? await pickOtherRun(host, run) : host.getRun(otherId);
  if (other === undefined) {
    if (otherId !== undefined) void vscode.window.showWarningMessage('Statscope: the run to compare with is no longer in memory.');
    return undefined;
  }
  if (other === run) {
    void vscode.window.showWarningMessage('Statscope: choose a different run to compare with.');
    return undefined;
  }
  const [base, head] = other.createdAtMs <= run.createdAtMs ? [other, run] : [run, other];
  return { baseRunId: base.id, headRunId: head.id };
}
