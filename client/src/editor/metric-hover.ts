import * as vscode from 'vscode';
import { formatAttributeValue } from '../../../runs/store/attributes';
import { seriesSummary } from '../../../runs/store/series-summary';
import type { MetricSeries } from '../../../runs/index';
import { Config } from '../config';
import { runState } from '../panels/metrics-view-model';
import type { RunsHost } from '../store/runs-host';
import { findCallSiteMetric } from './call-site-metric';
import { metricHoverMarkdown } from './hint-text';
import { findDeclarationsIn } from './document-declarations';
import type { StatsDeclaration } from './stats-declarations';

/**
 * Hover over a metric declared in a `defineStats` struct, or over a call site that uses one
 * (`stats.latency.observe(…)`): its last values (per label set) in the run selected in the Spans view
 * (else the newest), with the statistics of its kind (runs/store/series-summary.ts). Nothing without a
 * run, so it clears when the run is closed. (The language server's own hover describes the declaration;
 * this one only adds run values.)
 */
export class MetricHoverProvider implements vscode.HoverProvider {
  private cache: { uri: string; version: number; declarations: readonly StatsDeclaration[] } | undefined;

  constructor(private readonly host: RunsHost) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const run = this.host.hintRun();
    if (run === undefined || !new Config().hoverEnabled) return undefined;
    const offset = document.offsetAt(position);
    const declared = this.declarations(document).find((d) => offset >= d.offset && offset <= d.offset + d.length);
    // At a call site (`stats.latency.observe(…)`), the metric comes from the declaration the member resolves to.
    const found = declared === undefined ? await findCallSiteMetric(document, position) : { declaration: declared, range: rangeOf(document, declared) };
    if (found === undefined) return undefined;
    const { declaration } = found;
    const series = seriesOf(run.metrics.seriesNamed(declaration.exposedName), run.metrics.seriesNamed(otelName(declaration)));
    const markdown = metricHoverMarkdown(
      declaration.exposedName,
      run.label,
      runState(run),
      series.map((s) => ({ labels: s.labels.length === 0 ? '(no labels)' : s.labels.map((l) => `${l.key}=${formatAttributeValue(l.value, 80)}`).join(', '), summary: seriesSummary(s) })),
    );
    return new vscode.Hover(new vscode.MarkdownString(markdown), found.range);
  }

  private declarations(document: vscode.TextDocument): readonly StatsDeclaration[] {
    const uri = document.uri.toString();
    if (this.cache?.uri !== uri || this.cache.version !== document.version) {
      this.cache = { uri, version: document.version, declarations: findDeclarationsIn(document.languageId, document.getText()) };
    }
    return this.cache.declarations;
  }
}

function rangeOf(document: vscode.TextDocument, declaration: StatsDeclaration): vscode.Range {
  const start = document.positionAt(declaration.offset);
  return new vscode.Range(start, start.translate(0, declaration.length));
}

/** The name under OpenTelemetry naming (`model_server.queue_depth`), as the runtime's OTel producer builds it. */
function otelName(d: StatsDeclaration): string {
  return `${d.component.toLowerCase()}.${d.key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()}`;
}

function seriesOf(prometheusNamed: readonly MetricSeries[], otelNamed: readonly MetricSeries[]): readonly MetricSeries[] {
  return prometheusNamed.length > 0 ? prometheusNamed : otelNamed;
}
