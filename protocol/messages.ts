/** Custom LSP messages between the extension and the language server. Methods are `statscope/camelCase`. */

/** Request: lint every TypeScript/JavaScript file of the workspace now. */
export const LINT_WORKSPACE_METHOD = 'statscope/lintWorkspace';

export interface LintWorkspaceResult {
  readonly files: number;
  readonly diagnostics: number;
  readonly durationMs: number;
}

/** Notification from server to client once the workspace index is ready. */
export const SERVER_READY_METHOD = 'statscope/serverReady';

export interface ServerReadyParams {
  readonly version: string;
  readonly rules: readonly string[];
}
