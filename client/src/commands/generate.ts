/**
 * `statscope.generate`: asks the language server to generate a Grafana dashboard, Prometheus rules or an
 * OpenTelemetry Collector configuration from the workspace's declared stats structs, and opens the result.
 *
 * In a trusted workspace the file is written to `statscope-generated/<file>` in the first workspace folder
 * (replacing an earlier one) and opened. In an untrusted workspace nothing is written: the result opens as an
 * unsaved document, which the user may save where they choose.
 */
import * as vscode from 'vscode';
import { GENERATE_METHOD, GENERATOR_NAMES } from '../../../protocol/messages';
import type { GenerateParams, GenerateResult, GeneratorName } from '../../../protocol/messages';
import type { StatscopeLanguageClient } from '../language-client';
import { log } from '../log';

/** The folder, in the first workspace folder, that generated files are written to. */
export const GENERATED_FOLDER = 'statscope-generated';

const CHOICES: readonly (vscode.QuickPickItem & { readonly what: GeneratorName })[] = [
  { what: 'grafana', label: 'Grafana dashboard', description: 'JSON', detail: 'A row per component: rates, quantiles with exemplars, heatmaps, gauges; a variable per label.' },
  { what: 'prometheus-rules', label: 'Prometheus rules', description: 'YAML', detail: 'Recording rules for rates and quantiles; alerting rules from declared slo and alert thresholds.' },
  { what: 'collector', label: 'OpenTelemetry Collector configuration', description: 'YAML', detail: 'OTLP in; Prometheus, Tempo/Jaeger and logs out; tail sampling of errors and slow traces.' },
];

/** Runs a generator (`what`, or picked from a list) and opens its file; resolves to the opened document's Uri. */
export async function generateFile(server: StatscopeLanguageClient, what?: unknown): Promise<vscode.Uri | undefined> {
  const client = server.languageClient;
  const chosen = isGenerator(what) ? what : (await vscode.window.showQuickPick(CHOICES, { placeHolder: 'Generate from the declared stats structs' }))?.what;
  if (!client || chosen === undefined) return undefined;
  const params: GenerateParams = { what: chosen };
  const result = await client.sendRequest<GenerateResult>(GENERATE_METHOD, params);
  for (const warning of result.warnings) log().warn(`generate ${chosen}: ${warning}`);
  if (result.components === 0) {
    void vscode.window.showWarningMessage('Statscope: this workspace declares no stats struct (defineStats) to generate from.');
    return undefined;
  }
  const document = await documentFor(result);
  await vscode.window.showTextDocument(document, { preview: false });
  log().info(`generated ${chosen} for ${result.components} component(s): ${document.uri.toString()}`);
  return document.uri;
}

async function documentFor(result: GenerateResult): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!vscode.workspace.isTrusted || !folder) {
    return vscode.workspace.openTextDocument({ content: result.text, language: result.fileName.endsWith('.json') ? 'json' : 'yaml' });
  }
  const uri = vscode.Uri.joinPath(folder.uri, GENERATED_FOLDER, ...result.fileName.split('/'));
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(result.text));
  return vscode.workspace.openTextDocument(uri);
}

function isGenerator(value: unknown): value is GeneratorName {
  return typeof value === 'string' && (GENERATOR_NAMES as readonly string[]).includes(value);
}
