import assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, escapeHtml, webviewHtml } from './webview-html';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function html(nonce = createNonce()): string {
  return webviewHtml({ title: 'Statscope Metrics', cspSource: CSP_SOURCE, nonce, scriptUri: `${CSP_SOURCE}/ext/dist/webview/metrics-panel.js`, styleUri: `${CSP_SOURCE}/ext/dist/webview/panel.css` });
}

describe('webview HTML', () => {
  it('has a strict CSP: nothing by default, scripts only with the nonce, no unsafe-inline or eval', () => {
    const csp = contentSecurityPolicy(CSP_SOURCE, 'abc123');
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
    assert.match(csp, new RegExp(`style-src ${CSP_SOURCE.replace(/[.+]/g, '\\$&')} 'nonce-abc123'`));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  });

  it('puts the CSP first in <head> and the nonce on every script and stylesheet', () => {
    const nonce = createNonce();
    const page = html(nonce);
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page);
    assert.ok(meta, 'CSP meta element');
    assert.ok(page.indexOf(meta[0]) < page.indexOf('<script'), 'CSP comes before any script');
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    for (const [, attributes, body] of scripts) {
      assert.ok(attributes?.includes(`nonce="${escapeHtml(nonce)}"`), 'script carries the nonce');
      assert.match(attributes ?? '', /src="/, 'scripts are files, not inline code');
      assert.equal(body, '');
    }
    assert.match(page, new RegExp(`<link rel="stylesheet" nonce="${escapeHtml(nonce).replace(/[+/]/g, '\\$&')}"`));
    assert.doesNotMatch(page, /\son[a-z]+=/i, 'no inline event handlers');
    assert.doesNotMatch(page, /\sstyle=/i, 'no inline style attributes');
  });

  it('links a panel’s own stylesheets after the shared one, each with the nonce', () => {
    const page = webviewHtml({ title: 't', cspSource: CSP_SOURCE, nonce: 'abc', scriptUri: 's', styleUri: `${CSP_SOURCE}/panel.css`, extraStyleUris: [`${CSP_SOURCE}/timeline.css`] });
    const links = [...page.matchAll(/<link rel="stylesheet" nonce="abc" href="([^"]+)">/g)].map((m) => m[1]);
    assert.deepEqual(links, [`${CSP_SOURCE}/panel.css`, `${CSP_SOURCE}/timeline.css`]);
  });

  it('uses a fresh, unguessable nonce per load', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    assert.equal(nonces.size, 100);
    for (const nonce of nonces) assert.equal(Buffer.from(nonce, 'base64').length, 16);
  });

  it('escapes everything it interpolates', () => {
    assert.equal(escapeHtml(`<img src=x onerror="alert(1)">&'`), '&#60;img src=x onerror=&#34;alert(1)&#34;&#62;&#38;&#39;');
    const page = webviewHtml({ title: '<script>alert(1)</script>', cspSource: CSP_SOURCE, nonce: 'n"onload="x', scriptUri: 'a"b', styleUri: 'c' });
    assert.doesNotMatch(page, /<script>alert/);
    assert.doesNotMatch(page, /nonce="n"onload/);
  });
});
