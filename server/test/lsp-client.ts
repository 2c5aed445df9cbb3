/**
 * A minimal LSP client for tests: spawns the compiled server as a child process with `--stdio` and speaks
 * JSON-RPC to it through vscode-jsonrpc. Records every published diagnostic and notification.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';

/** The repository root (this file runs from out/server/test). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const SERVER = join(REPO_ROOT, 'out', 'server', 'src', 'server.js');

/** How to start the server under test. */
export interface StartOptions {
  /** Settings answered to `workspace/configuration` for the `statscope` section. */
  readonly settings?: unknown;
  /** A fixture folder (relative to test-fixtures/) copied into a fresh temp workspace; default `lint/workspace`. */
  readonly fixture?: string;
  /** Use this existing folder as the workspace instead (not copied, not deleted). */
  readonly workspace?: string;
  /** How long to wait for the index (default 15 s). */
  readonly indexTimeoutMs?: number;
  /** Extra Node.js flags for the server process (profiling: `--cpu-prof`, `--trace-gc`). */
  readonly nodeArgs?: readonly string[];
}

/** The client side of an LSP connection to a spawned server, for tests and benchmarks. */
export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly logs: string[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly connection: MessageConnection,
    readonly child: ChildProcessWithoutNullStreams,
    /** The workspace folder (a temp copy of the fixture unless one was given). */
    readonly root: string,
    private readonly isTemporary: boolean,
  ) {}

  static async start(options: StartOptions = {}): Promise<TestClient> {
    const root = options.workspace ?? mkdtempSync(join(tmpdir(), 'statscope-lsp-'));
    if (options.workspace === undefined) cpSync(join(REPO_ROOT, 'test-fixtures', options.fixture ?? 'lint/workspace'), root, { recursive: true });
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER, '--stdio'], { stdio: 'pipe' });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new TestClient(connection, child, root, options.workspace === undefined);
    child.stderr.on('data', (chunk: Buffer) => client.logs.push(chunk.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      client.diagnostics.set(params.uri, params);
      client.wake();
    });
    connection.onNotification((method, params) => {
      client.notifications.push({ method, params });
      if (method === 'window/logMessage') client.logs.push(String((params as { message?: unknown } | undefined)?.message ?? '')); // logMessage params
      client.wake();
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => options.settings ?? { lint: { enable: true } }));
    connection.listen();
    const uri = pathToFileURL(root).toString();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'workspace' }],
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } } },
    });
    await connection.sendNotification('initialized', {});
    await client.waitFor(() => client.notifications.some((n) => n.method === 'statscope/indexReady'), 'the index was not ready', options.indexTimeoutMs);
    return client;
  }

  uri(relative: string): string {
    return pathToFileURL(join(this.root, relative)).toString();
  }

  open(relative: string, text: string, version = 1): string {
    const uri = this.uri(relative);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version, text } });
    return uri;
  }

  /** Opens a document by URI (a file outside the workspace, an untitled document). */
  openUri(uri: string, text: string, languageId = 'typescript'): void {
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri: string, version: number, text: string): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** An incremental edit: replaces `line` (zero-based, without its newline) with `text`. */
  replaceLine(uri: string, version: number, line: number, oldLength: number, text: string): void {
    const range = { start: { line, character: 0 }, end: { line, character: oldLength } };
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** Waits for diagnostics of `uri` that satisfy `test` (optionally for a given document version). */
  async diagnosticsFor(uri: string, test: (list: readonly Diagnostic[]) => boolean = () => true, version?: number): Promise<Diagnostic[]> {
    await this.waitFor(() => {
      const p = this.diagnostics.get(uri);
      return p !== undefined && (version === undefined || p.version === version) && test(p.diagnostics);
    }, `no matching diagnostics for ${uri}: ${JSON.stringify(this.diagnostics.get(uri)?.diagnostics.map((d) => d.code))}`);
    return this.diagnostics.get(uri)?.diagnostics ?? [];
  }

  waitFor(test: () => boolean, message: string, timeoutMs = 15_000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolvePromise, reject) => {
      const check = (): void => {
        if (!test()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolvePromise();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`${message}\nserver log:\n${this.logs.join('\n').slice(-3000)}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // the server may already be gone
    }
    await new Promise<void>((r) => {
      if (this.child.exitCode !== null) return r();
      const timer = setTimeout(() => {
        this.child.kill();
        r();
      }, 3000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        r();
      });
    });
    this.connection.dispose();
    if (this.isTemporary) rmSync(this.root, { recursive: true, force: true });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** The rule ids of a diagnostic list. */
export function codes(list: readonly Diagnostic[]): string[] {
  return list.map((d) => String(d.code));
}
