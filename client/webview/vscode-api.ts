/** The webview side of the VS Code API (the only global the host provides), typed per panel. */

interface VsCodeApi<State, Outgoing> {
  postMessage(message: Outgoing): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State, Outgoing>(): VsCodeApi<State, Outgoing>;

/** Acquires the API once per page (calling `acquireVsCodeApi` twice throws). */
export function vscodeApi<State, Outgoing>(): VsCodeApi<State, Outgoing> {
  return acquireVsCodeApi<State, Outgoing>();
}

export type { VsCodeApi };
