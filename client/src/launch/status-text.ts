/** The status-bar text of a run (pure): `$(sync~spin) app · 1,234 spans · 2 errors`. */
import { plural } from '../../../runs/tree/format';

/** What the status bar shows about a run. */
export interface RunStatusInput {
  readonly label: string;
  readonly isRunning: boolean;
  readonly exitCode: number | undefined;
  readonly spanCount: number;
  readonly errorSpanCount: number;
  /** Spans dropped because the run reached its limit. */
  readonly droppedSpanCount: number;
  /** Spans the program dropped before sending them (its `statscope_spans_dropped_total`). */
  readonly programDroppedSpanCount: number;
  /** Requests the receiver refused (wrong protocol, content type, size…). */
  readonly refusedRequestCount: number;
  /** Whether some of them were OTLP/gRPC: the program needs its exporter switched to OTLP/HTTP. */
  readonly hasGrpcRefusals: boolean;
  /** The refusals in words (`3 requests refused: 2 unsupported media type, 1 gRPC (set …)`). */
  readonly refusals: string | undefined;
}

/** Text (with codicons) and tooltip for the status-bar item. */
export interface RunStatusText {
  readonly text: string;
  readonly tooltip: string;
}

export function runStatusText(s: RunStatusInput): RunStatusText {
  const parts = [plural(s.spanCount, 'span')];
  if (s.errorSpanCount > 0) parts.push(plural(s.errorSpanCount, 'error'));
  if (s.droppedSpanCount > 0) parts.push(`${s.droppedSpanCount.toLocaleString('en-US')} dropped`);
  if (s.programDroppedSpanCount > 0) parts.push(`${s.programDroppedSpanCount.toLocaleString('en-US')} dropped by the program`);
  if (s.refusedRequestCount > 0) parts.push(`${s.refusedRequestCount.toLocaleString('en-US')} refused${s.hasGrpcRefusals ? ' (gRPC)' : ''}`);
  const refusals = s.refusals === undefined ? '' : `\n${s.refusals}.`;
  if (s.isRunning) {
    return {
      text: `$(sync~spin) ${s.label} · ${parts.join(' · ')}`,
      tooltip: `Statscope: ${s.label} is running with tracing (${parts.join(', ')}). Click to stop it.${refusals}`,
    };
  }
  const icon = s.exitCode === undefined || s.exitCode === 0 ? '$(pulse)' : '$(error)';
  const exit = s.exitCode === undefined ? '' : ` · exit ${s.exitCode}`;
  return {
    text: `${icon} ${s.label}${exit} · ${parts.join(' · ')}`,
    tooltip: `Statscope: ${s.label} ${s.exitCode === undefined ? 'ended' : `exited with code ${s.exitCode}`} (${parts.join(', ')}). Click to show its spans.${refusals}`,
  };
}
