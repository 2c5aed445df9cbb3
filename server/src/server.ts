/**
 * The Statscope language server: wires the lint engine to an LSP connection. The client starts it
 * over IPC; `--stdio` works too (CLI tests, other editors).
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_CODES } from '../../protocol/diagnostic-codes';
import { LINT_WORKSPACE_METHOD, SERVER_READY_METHOD } from '../../protocol/messages';
import type { LintWorkspaceResult, ServerReadyParams } from '../../protocol/messages';
import { DEFAULT_SETTINGS } from '../../protocol/settings';
import type { StatscopeSettings } from '../../protocol/settings';
import { lintSource } from './engine/lint-source';
import { readSettings } from './settings';
import { quickFixFor, toLspDiagnostic } from './to-lsp';
import { lintWorkspaceFolders } from './workspace-lint';

const VERSION = '0.1.0';
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let settings: StatscopeSettings = DEFAULT_SETTINGS;
let workspaceFolders: string[] = [];
const reportedRuleErrors = new Set<string>();

const onRuleError = (ruleId: string, error: unknown): void => {
  if (reportedRuleErrors.has(ruleId)) return;
  reportedRuleErrors.add(ruleId);
  connection.console.error(`rule ${ruleId} failed and was skipped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
};

function lintDocument(document: TextDocument): void {
  if (!settings.lint.enable || !isLintable(document.uri)) {
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    return;
  }
  try {
    const diagnostics = lintSource(document.uri, document.getText(), {
      settings: { namingStyle: settings.lint.namingStyle },
      severities: settings.lint.rules,
      onRuleError,
    });
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: diagnostics.map(toLspDiagnostic) });
  } catch (error) {
    connection.console.error(`linting ${document.uri} failed: ${String(error)}`);
  }
}

function isLintable(uri: string): boolean {
  return /\.(?:[cm]?[jt]sx?)$/i.test(uri) && !/\.d\.[cm]?ts$/i.test(uri);
}

connection.onInitialize((params) => {
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
    },
    serverInfo: { name: 'statscope', version: VERSION },
  };
});

connection.onInitialized(async () => {
  settings = await readSettings(connection);
  documents.all().forEach(lintDocument);
  const ready: ServerReadyParams = { version: VERSION, rules: DIAGNOSTIC_CODES };
  void connection.sendNotification(SERVER_READY_METHOD, ready);
});

connection.onDidChangeConfiguration(async () => {
  settings = await readSettings(connection);
  documents.all().forEach(lintDocument);
});

connection.onCodeAction((params) =>
  params.context.diagnostics.flatMap((d) => {
    const action = d.source === 'statscope' ? quickFixFor(params.textDocument.uri, d) : undefined;
    return action ? [action] : [];
  }),
);

connection.onRequest(LINT_WORKSPACE_METHOD, async (): Promise<LintWorkspaceResult> => {
  const started = Date.now();
  const result = await lintWorkspaceFolders(workspaceFolders, (uri, text) =>
    lintSource(uri, text, { settings: { namingStyle: settings.lint.namingStyle }, severities: settings.lint.rules, onRuleError }),
  );
  return { ...result, durationMs: Date.now() - started };
});

documents.onDidChangeContent((change) => lintDocument(change.document));
documents.onDidClose((event) => void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] }));
documents.listen(connection);
connection.listen();
