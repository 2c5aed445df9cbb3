/**
 * The Statscope language server: wires the lint service and the editor features to an LSP connection.
 * The client starts it over IPC; `--stdio` works too (tests, other editors).
 */
import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_CODES } from '../../protocol/diagnostic-codes';
import { GENERATE_METHOD, INDEX_READY_METHOD, LINT_WORKSPACE_METHOD, LIST_METRICS_METHOD, SERVER_READY_METHOD } from '../../protocol/messages';
import type { GenerateResult, IndexReadyParams, LintWorkspaceResult, ListMetricsResult, ServerReadyParams } from '../../protocol/messages';
import { CONFIG_FILE_NAME } from '../../protocol/settings';
import type { LintDiagnostic } from './engine/types';
import { quickFixes } from './features/code-actions';
import { completionsAt } from './features/completion';
import { declarationAt } from './features/declaration';
import { hoverAt } from './features/hover';
import { listMetrics } from './features/list-metrics';
import { generate, isGeneratorName } from './generate/generate';
import { prepareRenameAt, renameAt } from './features/rename';
import { LintService, rootsOf } from './lint-service';
import { parseSettings, readSettings } from './settings';
import { toLspDiagnostic } from './to-lsp';
import { fileNameToUri, uriToFileName } from './uris';

const VERSION = '0.1.0';
const WATCHED_GLOBS = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', `**/${CONFIG_FILE_NAME}`];

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
/** URIs as the client spells them, by file name (publish under the same URI the client opened). */
const uris = new Map<string, string>();
let service = new LintService([], { publish, log: (m) => connection.console.log(m), error: (m) => connection.console.error(m) });
let canWatchFiles = false;

function publish(fileName: string, diagnostics: readonly LintDiagnostic[], version: number | undefined): void {
  const uri = uris.get(fileName) ?? fileNameToUri(fileName);
  void connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics: diagnostics.map(toLspDiagnostic) });
}

/** Runs a request handler; a failure is logged and answered with `fallback`, never a crash. */
function guarded<P, R>(name: string, fallback: R, handler: (params: P) => R): (params: P) => R {
  return (params) => {
    try {
      return handler(params);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  };
}

/** The file name of a document, after applying its pending edits to the index. */
function current(uri: string): string {
  const fileName = uriToFileName(uri);
  service.flush(fileName);
  return fileName;
}

connection.onInitialize((params) => {
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  service = new LintService(rootsOf(folders), { publish, log: (m) => connection.console.log(m), error: (m) => connection.console.error(m) });
  canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['.', '{', ','] },
      declarationProvider: true,
      renameProvider: { prepareProvider: true },
    },
    serverInfo: { name: 'statscope', version: VERSION },
  };
});

connection.onInitialized(async () => {
  if (canWatchFiles) {
    await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) }).catch((error: unknown) => {
      connection.console.error(`could not register file watchers: ${String(error)}`);
    });
  }
  service.setSettings(await readSettings(connection));
  const configProblems = await service.loadConfigFile();
  for (const problem of configProblems) connection.console.warn(`${CONFIG_FILE_NAME}: ${problem}`);
  const started = Date.now();
  const { files } = await service.indexWorkspace();
  markIndexed();
  const durationMs = Date.now() - started;
  connection.console.log(`indexed ${files} files in ${durationMs} ms`);
  const ready: ServerReadyParams = { version: VERSION, rules: DIAGNOSTIC_CODES };
  void connection.sendNotification(SERVER_READY_METHOD, ready);
  const indexed: IndexReadyParams = { files, durationMs, configProblems };
  void connection.sendNotification(INDEX_READY_METHOD, indexed);
});

connection.onDidChangeConfiguration(async (change) => {
  const settings: unknown = change.settings;
  const pushed = typeof settings === 'object' && settings !== null && 'statscope' in settings ? (settings as { statscope: unknown }).statscope : undefined; // checked by `in`
  service.setSettings(pushed !== undefined ? parseSettings(pushed) : await readSettings(connection));
});

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  for (const change of changes) {
    const fileName = uriToFileName(change.uri);
    if (fileName.endsWith(`/${CONFIG_FILE_NAME}`)) {
      for (const problem of await service.loadConfigFile()) connection.console.warn(`${CONFIG_FILE_NAME}: ${problem}`);
    } else {
      void service.didChangeOnDisk(fileName, change.type === FileChangeType.Deleted); // errors are logged by the service
    }
  }
});

connection.onCodeAction(
  guarded('codeAction', [], (params) => {
    const fileName = current(params.textDocument.uri);
    const document = documents.get(params.textDocument.uri);
    const diagnostics = service.session.diagnostics(fileName) ?? [];
    const lineText = (line: number): string => document?.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }) ?? '';
    return quickFixes(fileName, params.textDocument.uri, params.context.diagnostics, diagnostics, lineText);
  }),
);

connection.onHover(guarded('hover', null, (params) => hoverAt(service.session.index, current(params.textDocument.uri), params.position) ?? null));

connection.onCompletion(
  guarded('completion', [], (params) => {
    const fileName = current(params.textDocument.uri);
    const text = documents.get(params.textDocument.uri)?.getText() ?? service.openText(fileName);
    return text === undefined ? [] : completionsAt(service.session.index, fileName, text, params.position);
  }),
);

connection.onDeclaration(guarded('declaration', null, (params) => declarationAt(service.session.index, current(params.textDocument.uri), params.position) ?? null));

connection.onPrepareRename(
  guarded('prepareRename', null, (params) => {
    const result = prepareRenameAt(service.session.index, current(params.textDocument.uri), params.position);
    if ('error' in result) throw new ResponseError(0, result.error);
    return result;
  }),
);

connection.onRenameRequest(
  guarded('rename', null, (params) => {
    const result = renameAt(service.session.index, current(params.textDocument.uri), params.position, params.newName);
    if ('error' in result) throw new ResponseError(0, result.error);
    return result;
  }),
);

connection.onRequest(LINT_WORKSPACE_METHOD, async (): Promise<LintWorkspaceResult> => {
  const started = Date.now();
  const result = await service.lintWorkspace();
  return { ...result, durationMs: Date.now() - started };
});

connection.onRequest(LIST_METRICS_METHOD, (): ListMetricsResult => ({ metrics: listMetrics(service.session.index) }));

/** Resolved once the first index is built: a generator asked earlier would see part of the workspace. */
let markIndexed: () => void = () => undefined;
const isIndexed = new Promise<void>((resolve) => (markIndexed = resolve));

connection.onRequest(GENERATE_METHOD, async (params: unknown): Promise<GenerateResult> => {
  const what = typeof params === 'object' && params !== null ? (params as { what?: unknown }).what : undefined; // narrowed below
  if (!isGeneratorName(what)) throw new Error(`unknown generator ${JSON.stringify(what)}`);
  await isIndexed;
  return generate(what, service.session.index.allFacts());
});

documents.onDidChangeContent((change) => {
  const fileName = uriToFileName(change.document.uri);
  uris.set(fileName, change.document.uri);
  service.didChange(fileName, change.document.version, change.document.getText());
});

documents.onDidSave((event) => service.didSave(uriToFileName(event.document.uri)));

documents.onDidClose((event) => {
  const fileName = uriToFileName(event.document.uri);
  void service.didClose(fileName).catch((error: unknown) => connection.console.error(`closing ${fileName} failed: ${String(error)}`));
});

process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${String(reason)}`));

documents.listen(connection);
connection.listen();
