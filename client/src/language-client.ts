import * as vscode from 'vscode';
import { LanguageClient, Trace, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { SERVER_READY_METHOD } from '../../protocol/messages';
import type { ServerReadyParams } from '../../protocol/messages';
import { Config } from './config';
import { log } from './log';

const DOCUMENTS = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python'].map((language) => ({ scheme: 'file', language }));

/** Owns the language client: start, restart, and whether the server said it is ready. */
export class StatscopeLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private ready: ServerReadyParams | undefined;
  private readonly onDidBecomeReadyEmitter = new vscode.EventEmitter<ServerReadyParams>();
  readonly onDidBecomeReady = this.onDidBecomeReadyEmitter.event;

  constructor(private readonly context: vscode.ExtensionContext) {}

  get isRunning(): boolean {
    return this.client?.isRunning() ?? false;
  }

  get serverInfo(): ServerReadyParams | undefined {
    return this.ready;
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  async start(): Promise<void> {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENTS,
      outputChannel: log(),
      synchronize: { configurationSection: 'statscope' },
    };
    const client = new LanguageClient('statscope', 'Statscope', serverOptions, clientOptions);
    client.onNotification(SERVER_READY_METHOD, (params: ServerReadyParams) => {
      this.ready = params;
      log().info(`language server ${params.version} ready with ${params.rules.length} rules`);
      this.onDidBecomeReadyEmitter.fire(params);
    });
    this.client = client;
    await client.start();
    await client.setTrace(Trace.fromString(new Config().serverTrace));
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.ready = undefined;
    if (client?.isRunning()) await client.stop();
  }

  dispose(): void {
    void this.stop().catch((error: unknown) => log().error(`stopping the language server failed: ${String(error)}`));
    this.onDidBecomeReadyEmitter.dispose();
  }
}
