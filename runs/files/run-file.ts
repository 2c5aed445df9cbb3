/**
 * Runs as files. Reading accepts, detected by content:
 * - OTLP/JSON: one `Export*ServiceRequest` object (any of `resourceSpans`, `resourceMetrics`,
 *   `resourceLogs`), or a JSON array of them;
 * - OTLP/JSON Lines: one request per line, as the OpenTelemetry Collector's file exporter writes
 *   (and as Statscope exports);
 * - a Jaeger JSON export (`{"data":[…]}`, or one trace object `{"traceID","spans","processes"}`);
 * - an answer of Jaeger's v3 API (`{"result":{"resourceSpans":…}}`, one per line when streamed).
 * Every file is untrusted input: the same validating decoders as the receiver are used.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseJson } from '../decode/decode-request';
import { emptyBatch } from '../decode/decoded-batch';
import type { DecodedBatch } from '../decode/decoded-batch';
import { isRecord } from '../is';
import { decodeJaeger, isJaegerDocument, jaegerApiV3Result } from './jaeger-json';
import type { LogEntry, MetricData, SpanRecord } from '../store/model';
import { runToOtlpJsonLines } from './otlp-json-export';
import { decodeLogsRequestJson } from '../decode/otlp-json-logs';
import { decodeMetricsRequestJson } from '../decode/otlp-json-metrics';
import { decodeTraceRequestJson } from '../decode/otlp-json-traces';
import { DecodeError } from '../decode/protobuf-reader';
import type { Run } from '../store/run';
import type { RunStore } from '../store/run-store';

/** Which layout a file had. */
export type RunFileFormat = 'otlp-json' | 'otlp-json-lines' | 'jaeger-json' | 'jaeger-api-v3';

/** The decoded content of a file. */
export interface ParsedRunFile {
  readonly format: RunFileFormat;
  readonly spans: DecodedBatch<SpanRecord>;
  readonly metrics: DecodedBatch<MetricData>;
  readonly logs: DecodedBatch<LogEntry>;
}

/** A file that is not a run; `message` names the problem (and line, for JSON Lines). */
export class RunFileError extends Error {
  override readonly name = 'RunFileError';
}

/** Largest file read. */
export const MAX_RUN_FILE_BYTES = 1024 * 1024 * 1024;

/** Parses file text; throws {@link RunFileError}. */
export function parseRunFile(text: string): ParsedRunFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = body.trimStart()[0];
  if (first !== '{' && first !== '[') throw new RunFileError('not a JSON run file: expected OTLP/JSON, OTLP/JSON Lines or a Jaeger JSON export');
  const result: ParsedRunFile = { format: 'otlp-json', spans: emptyBatch(), metrics: emptyBatch(), logs: emptyBatch() };
  let whole: unknown;
  try {
    whole = JSON.parse(body) as unknown;
  } catch {
    const isJaegerApi = parseLines(body, result);
    return { ...result, format: isJaegerApi ? 'jaeger-api-v3' : 'otlp-json-lines' };
  }
  try {
    if (isJaegerDocument(whole)) return { ...result, format: 'jaeger-json', spans: decodeJaeger(whole) };
    let isJaegerApi = false;
    for (const request of Array.isArray(whole) ? whole : [whole]) isJaegerApi = addRequest(request, result) || isJaegerApi;
    return isJaegerApi ? { ...result, format: 'jaeger-api-v3' } : result;
  } catch (error) {
    throw new RunFileError(error instanceof DecodeError ? `invalid OTLP/JSON: ${error.message}` : String(error));
  }
}

/** Reads one request per line into `result`; true when the lines were Jaeger v3 API answers. */
function parseLines(text: string, result: ParsedRunFile): boolean {
  const lines = text.split('\n');
  let isJaegerApi = false;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    try {
      isJaegerApi = addRequest(parseJson(line), result) || isJaegerApi;
    } catch (error) {
      throw new RunFileError(`line ${i + 1}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return isJaegerApi;
}

/**
 * Decodes whichever signals one request object holds into `into`; true when it came inside a Jaeger
 * v3 API answer.
 */
function addRequest(value: unknown, into: ParsedRunFile): boolean {
  if (!isRecord(value)) throw new DecodeError('each request must be a JSON object');
  const inner = jaegerApiV3Result(value);
  const request = inner ?? value;
  const has = (camel: string, snake: string): boolean => request[camel] !== undefined || request[snake] !== undefined;
  const spans = has('resourceSpans', 'resource_spans');
  const metrics = has('resourceMetrics', 'resource_metrics');
  const logs = has('resourceLogs', 'resource_logs');
  if (!spans && !metrics && !logs) throw new DecodeError(inner === undefined ? 'no resourceSpans, resourceMetrics or resourceLogs' : 'a Jaeger API result without resourceSpans');
  if (spans) decodeTraceRequestJson(request, into.spans);
  if (metrics) decodeMetricsRequestJson(request, into.metrics);
  if (logs) decodeLogsRequestJson(request, into.logs);
  return inner !== undefined;
}

/** Adds parsed content to a run. */
export function addToRun(run: Run, parsed: ParsedRunFile): void {
  run.addSpans(parsed.spans.items);
  run.addMetrics(parsed.metrics.items);
  run.addLogs(parsed.logs.items);
}

/** Reads a file into a new `imported` run labelled with the file name. Throws {@link RunFileError}. */
export async function importRunFile(store: RunStore, filePath: string): Promise<Run> {
  const info = await stat(filePath);
  if (info.size > MAX_RUN_FILE_BYTES) throw new RunFileError(`${basename(filePath)} is larger than ${MAX_RUN_FILE_BYTES} bytes`);
  const parsed = parseRunFile(await readFile(filePath, 'utf8'));
  const run = store.createRun({ label: basename(filePath), filePath }, 'imported');
  addToRun(run, parsed);
  return run;
}

/** Writes a run as OTLP/JSON Lines. */
export async function exportRunFile(run: Run, filePath: string): Promise<void> {
  await writeFile(filePath, runToOtlpJsonLines(run), 'utf8');
}
