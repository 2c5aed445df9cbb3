/** Which run the editor hints follow (pure): the selected one, until it is removed or a newer run starts. */

/** A run selected in the Spans view, and which run was the newest at that moment. */
export interface RunSelection {
  readonly runId: string;
  readonly newestIdAtSelection: string | undefined;
}

/** The id of the run to show hints of: the selection while it holds, else the newest (undefined: no runs). */
export function hintRunId(selection: RunSelection | undefined, newestId: string | undefined, exists: (id: string) => boolean): string | undefined {
  if (selection === undefined || !exists(selection.runId) || selection.newestIdAtSelection !== newestId) return newestId;
  return selection.runId;
}
