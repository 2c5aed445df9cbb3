import * as vscode from 'vscode';
import type { DomReport } from '../../../protocol/webview';
import { createNonce, webviewHtml } from './webview-html';

/** Webview options of every panel: scripts on, resources only from the bundled webview assets and media. */
export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/**
 * Sets a panel's HTML for one load: new nonce, bundled script `dist/webview/<script>.js`, shared
 * stylesheet, then the panel's own `dist/webview/<name>.css` files named in `styles`.
 */
export function loadPanelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, script: string, title: string, styles: readonly string[] = []): void {
  const asset = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
  webview.options = panelOptions(extensionUri);
  webview.html = webviewHtml({
    title,
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: asset(`${script}.js`),
    styleUri: asset('panel.css'),
    extraStyleUris: styles.map((name) => asset(`${name}.css`)),
  });
}

/**
 * Pending DOM-report requests of one panel (tests ask the webview what its DOM holds, through the
 * panel's own message channel).
 */
export class DomReports {
  private next = 1;
  private readonly pending = new Map<number, (report: DomReport) => void>();

  /** Posts a request with `post` and resolves with the answer; rejects after `timeoutMs`. */
  request(post: (requestId: number) => Thenable<boolean>, timeoutMs = 10_000): Promise<DomReport> {
    const requestId = this.next++;
    return new Promise<DomReport>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new Error('the webview did not answer the DOM report request'));
      }, timeoutMs);
      this.pending.set(requestId, (report) => {
        clearTimeout(timer);
        resolve(report);
      });
      post(requestId).then(undefined, (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))));
    });
  }

  /** Delivers an answer from the webview. */
  answer(requestId: number, report: DomReport): void {
    this.pending.get(requestId)?.(report);
    this.pending.delete(requestId);
  }
}
