/**
 * Content negotiation for `/metrics`: OpenMetrics 1.0 when the client accepts
 * `application/openmetrics-text` at least as much as the Prometheus text format, otherwise text 0.0.4.
 */
import type { ExpositionFormat } from '../metrics/registry-types';

/** Content type of the Prometheus text format. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
/** Content type of OpenMetrics 1.0. */
export const OPENMETRICS_CONTENT_TYPE = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

/** The format to serve for an `Accept` header (absent or unparsable: Prometheus text). */
export function negotiateFormat(accept: string | undefined): ExpositionFormat {
  if (typeof accept !== 'string' || accept === '') return 'prometheus';
  let openMetrics = 0;
  let text = 0;
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.split(';').map((p) => p.trim().toLowerCase());
    let q = 1;
    let version: string | undefined;
    for (const p of params) {
      const [k, v] = p.split('=').map((x) => x.trim());
      if (k === 'q') q = Number.parseFloat(v ?? '');
      else if (k === 'version') version = v;
    }
    if (!(q > 0)) continue;
    if (type === 'application/openmetrics-text' && (version === undefined || version === '1.0.0' || version === '0.0.1')) openMetrics = Math.max(openMetrics, q);
    else if (type === 'text/plain' || type === 'text/*' || type === '*/*') text = Math.max(text, q);
  }
  return openMetrics > 0 && openMetrics >= text ? 'openmetrics' : 'prometheus';
}

/** The format forced by a `?format=` query value, if it names one. */
export function formatFromQuery(value: string | null): ExpositionFormat | undefined {
  if (value === 'openmetrics') return 'openmetrics';
  if (value === 'prometheus' || value === 'text') return 'prometheus';
  return undefined;
}

/** The content type for a format. */
export function contentTypeOf(format: ExpositionFormat): string {
  return format === 'openmetrics' ? OPENMETRICS_CONTENT_TYPE : PROMETHEUS_CONTENT_TYPE;
}
