/** The name a declaration is exposed under, as Prometheus sees it. */
import { exposedName } from '../../../runtime/src/conventions';
import type { MetricKind } from '../../../runtime/src/conventions';
import type { MetricDecl } from './facts';

/**
 * statscope: `<component>_<key>[_<unit>][_total]` (the runtime's own derivation); prom-client: the name;
 * OpenTelemetry: the name with dots as underscores. Undefined when the name is not a constant.
 */
export function exposedNameOf(decl: MetricDecl): string | undefined {
  if (decl.name === undefined) return undefined;
  if (decl.api === 'statscope') {
    if (decl.component === undefined) return undefined;
    return exposedName(decl.component, decl.name, decl.kind as MetricKind, decl.unit?.value); // statscope kinds are MetricKind
  }
  if (decl.api === 'otel') return decl.name.replace(/\./g, '_');
  if (decl.language === 'python') return prometheusClientName(decl.name, decl.kind, decl.unit?.value);
  return decl.name;
}

/** prometheus_client appends `_<unit>` and, for counters, `_total` to the name it is given (unless already there). */
function prometheusClientName(name: string, kind: MetricDecl['kind'], unit: string | undefined): string {
  let exposed = kind === 'counter' ? name.replace(/_total$/, '') : name;
  if (unit !== undefined && unit !== '' && !exposed.endsWith(`_${unit}`)) exposed = `${exposed}_${unit}`;
  return kind === 'counter' ? `${exposed}_total` : exposed;
}

/** The label names of a declaration, sorted, or undefined when unknown. */
export function labelSignature(decl: MetricDecl): string | undefined {
  if (!decl.labels) return '';
  if (!decl.labels.isLiteral || decl.labels.names.some((n) => n === undefined)) return undefined;
  return [...decl.labels.names].sort().join(',');
}
