import * as vscode from 'vscode';
import { findStatsDeclarations } from './stats-declarations';
import type { StatsDeclaration } from './stats-declarations';

/** A member chain such as `stats.latency.observe` or `this.stats.requests.labels`. */
const MEMBER_CHAIN = /[A-Za-z_$][\w$]*(?:\s*\??\.\s*[A-Za-z_$][\w$]*)+/g;
const MEMBER = /[A-Za-z_$][\w$]*/g;
/** Members after the first that are looked up (`stats.latency.observe`: `latency`, then `observe`). */
const MAX_LOOKUPS = 3;

/** The declared metric a call site uses and the range of the member that names it. */
export interface CallSiteMetric {
  readonly declaration: StatsDeclaration;
  readonly range: vscode.Range;
}

/**
 * The metric behind `<struct>.<key>…` at `position`, found the way "Go to Declaration" (the language
 * server) or "Go to Definition" finds it, then matched against the `defineStats` declarations there.
 */
export async function findCallSiteMetric(document: vscode.TextDocument, position: vscode.Position): Promise<CallSiteMetric | undefined> {
  const line = document.lineAt(position.line).text;
  for (const chain of line.matchAll(MEMBER_CHAIN)) {
    const start = chain.index;
    if (position.character < start || position.character > start + chain[0].length) continue;
    const members = [...chain[0].matchAll(MEMBER)].slice(1, 1 + MAX_LOOKUPS);
    for (const member of members) {
      const range = new vscode.Range(position.line, start + member.index, position.line, start + member.index + member[0].length);
      const declaration = await declarationAt(document.uri, range.start);
      if (declaration !== undefined) return { declaration, range };
    }
  }
  return undefined;
}

async function declarationAt(uri: vscode.Uri, position: vscode.Position): Promise<StatsDeclaration | undefined> {
  // The language server answers "Go to Declaration" for metric members; other files' providers may answer "Definition".
  for (const command of ['vscode.executeDeclarationProvider', 'vscode.executeDefinitionProvider']) {
    const targets = (await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink> | undefined>(command, uri, position)) ?? [];
    const found = await declarationIn(targets);
    if (found !== undefined) return found;
  }
  return undefined;
}

async function declarationIn(targets: ReadonlyArray<vscode.Location | vscode.LocationLink>): Promise<StatsDeclaration | undefined> {
  for (const target of targets) {
    const targetUri = 'targetUri' in target ? target.targetUri : target.uri;
    const targetRange = 'targetUri' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range;
    const document = await vscode.workspace.openTextDocument(targetUri);
    const offset = document.offsetAt(targetRange.start);
    const found = findStatsDeclarations(document.getText()).find((d) => offset >= d.offset && offset <= d.offset + d.length);
    if (found !== undefined) return found;
  }
  return undefined;
}
