import type { DomReport } from '../../../../protocol/webview';

/** Asks a panel's webview for its DOM until the text shows up; the error says what the DOM held last. */
export async function domReportContaining(panel: { requestDomReport(timeoutMs?: number): Promise<DomReport> }, text: string, what: string): Promise<DomReport> {
  const deadline = Date.now() + 20_000;
  let last: string;
  for (;;) {
    try {
      const report = await panel.requestDomReport(2000);
      if (report.textContent.includes(text)) return report;
      last = `text: ${JSON.stringify(report.textContent.slice(0, 300))}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`${what} did not show ${JSON.stringify(text)} within 20 s (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** VS Code injects its `acquireVsCodeApi` script (without a nonce, before the page's CSP) into every webview. */
export function withoutVsCodeApi(scripts: readonly string[]): string[] {
  return scripts.filter((s) => s !== '#_vscodeApiScript');
}
