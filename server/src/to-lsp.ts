import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver';
import { ruleDocsUrl } from '../../protocol/diagnostic-codes';
import type { LintDiagnostic, Severity } from './engine/types';
import { isRecord } from './engine/rule-options';
import { fileNameToUri } from './uris';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Rules whose findings mark code that does nothing (shown faded). */
const UNNECESSARY = new Set(['unused-metric']);

/** Data carried on a published diagnostic so a code action can find its fix again. */
export interface DiagnosticData {
  readonly ruleId: string;
  readonly messageId: string;
  readonly hasFix: boolean;
}

/** An engine diagnostic as LSP shows it: code, link to the rule docs, source `statscope`. */
export function toLspDiagnostic(d: LintDiagnostic): Diagnostic {
  const data: DiagnosticData = { ruleId: d.ruleId, messageId: d.messageId, hasFix: d.fix !== undefined };
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.ruleId,
    codeDescription: { href: ruleDocsUrl(d.ruleId) },
    source: 'statscope',
    message: d.message,
    data,
    ...(UNNECESSARY.has(d.ruleId) ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    ...(d.related ? { relatedInformation: d.related.map((r) => ({ location: { uri: fileNameToUri(r.fileName), range: r.range }, message: r.message })) } : {}),
  };
}

/** The statscope data of a diagnostic the client sends back, if it is one of ours. */
export function diagnosticDataOf(diagnostic: Diagnostic): DiagnosticData | undefined {
  if (diagnostic.source !== 'statscope') return undefined;
  const data: unknown = diagnostic.data;
  if (isRecord(data) && typeof data['ruleId'] === 'string' && typeof data['messageId'] === 'string') {
    return { ruleId: data['ruleId'], messageId: data['messageId'], hasFix: data['hasFix'] === true };
  }
  return typeof diagnostic.code === 'string' ? { ruleId: diagnostic.code, messageId: '', hasFix: false } : undefined;
}
