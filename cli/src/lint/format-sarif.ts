/**
 * SARIF 2.1.0 output for GitHub code scanning and other SARIF viewers. URIs are relative to the project
 * root under the `%SRCROOT%` base; columns count UTF-16 code units, as the engine does.
 */
import { posix, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LintDiagnostic, Range, RuleModule, TextEdit } from '../../../server/src/engine/types';
import { describeFailure } from './report';
import type { LintReport } from './report';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/statscope/statscope';
const LEVEL: Readonly<Record<LintDiagnostic['severity'], string>> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** What the SARIF log says about the tool: its rules and version. */
export interface SarifOptions {
  readonly rules: readonly RuleModule[];
  readonly version: string;
}

/** Renders the report as a SARIF 2.1.0 log with one run. */
export function formatSarif(report: LintReport, options: SarifOptions): string {
  const ruleIndex = new Map(options.rules.map((r, i) => [r.meta.id, i]));
  const uriOf = (fileName: string): string => encodeURI(posix.normalize(relative(report.root, fileName).replace(/\\/g, '/')));
  const results = report.files.flatMap((file) =>
    file.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [location(uriOf(file.fileName), d.range)],
      ...(d.related ? { relatedLocations: d.related.map((r, i) => ({ id: i, ...location(uriOf(r.fileName), r.range), message: { text: r.message } })) } : {}),
      ...(d.fix ? { fixes: [fixOf(d.fix.title, d.fix.edits, file.fileName, uriOf)] } : {}),
    })),
  );
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'statscope',
            informationUri: INFORMATION_URI,
            semanticVersion: options.version,
            rules: options.rules.map((r) => ({
              id: r.meta.id,
              name: pascalCase(r.meta.id),
              shortDescription: { text: r.meta.description },
              helpUri: r.meta.docsUrl,
              help: { text: `${r.meta.description} See ${r.meta.docsUrl}` },
              defaultConfiguration: { level: LEVEL[r.meta.defaultSeverity] },
              properties: { tags: ['telemetry', r.meta.category] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(`${report.root}/`).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [invocation(report, uriOf)],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** SARIF 2.1.0 §3.20: a failed rule makes the execution unsuccessful, each failure a tool notification. */
function invocation(report: LintReport, uriOf: (f: string) => string): Record<string, unknown> {
  if (report.failures.length === 0) return { executionSuccessful: true };
  return {
    executionSuccessful: false,
    toolExecutionNotifications: report.failures.map((f) => ({
      level: 'error',
      message: { text: describeFailure(f) },
      locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(f.fileName), uriBaseId: '%SRCROOT%' } } }],
      ...(f.ruleId === undefined ? {} : { associatedRule: { id: f.ruleId } }),
    })),
  };
}

function region(range: Range): Record<string, number> {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

function location(uri: string, range: Range): { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } } {
  return { physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: region(range) } };
}

/** A SARIF fix: the edits grouped by file as artifact changes. */
function fixOf(title: string, edits: readonly TextEdit[], fileName: string, uriOf: (f: string) => string): unknown {
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) {
    const f = e.fileName ?? fileName;
    byFile.set(f, [...(byFile.get(f) ?? []), e]);
  }
  return {
    description: { text: title },
    artifactChanges: [...byFile].map(([f, list]) => ({
      artifactLocation: { uri: uriOf(f), uriBaseId: '%SRCROOT%' },
      replacements: list.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
    })),
  };
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_m, _dash: string, c: string) => c.toUpperCase());
}
