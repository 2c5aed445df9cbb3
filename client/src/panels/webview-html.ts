/**
 * The HTML shell of every Statscope webview (pure): a strict Content Security Policy with a
 * per-load nonce, one stylesheet and one script from the extension's bundled assets, and an empty
 * root element. No data is ever put into this HTML: scripts render it with `textContent`.
 */
import { randomBytes } from 'node:crypto';

export interface WebviewHtmlOptions {
  readonly title: string;
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** From {@link createNonce}, new for every load. */
  readonly nonce: string;
  /** `webview.asWebviewUri(...)` of the script, as a string. */
  readonly scriptUri: string;
  /** `webview.asWebviewUri(...)` of the stylesheet, as a string. */
  readonly styleUri: string;
  /** Stylesheets of one panel, after the shared one. */
  readonly extraStyleUris?: readonly string[];
}

/** 128 random bits, base64: unguessable by content the page shows. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * `default-src 'none'`; scripts only with the nonce; styles from the extension or with the nonce
 * (no inline `style` attributes); images and fonts from the extension only; no frames, forms,
 * connections or plugins.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function webviewHtml(o: WebviewHtmlOptions): string {
  const nonce = escapeHtml(o.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${[o.styleUri, ...(o.extraStyleUris ?? [])].map((uri) => `<link rel="stylesheet" nonce="${nonce}" href="${escapeHtml(uri)}">`).join('\n')}
<title>${escapeHtml(o.title)}</title>
</head>
<body>
<main id="app" aria-live="polite"></main>
<script nonce="${nonce}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>
`;
}
