/**
 * Turns one declaration from any caller into either a family spec or a list of errors, using the shared
 * conventions. Runs once per declaration; never throws.
 */
import { DEFAULT_BUCKETS, exposedName, validateDeclaration } from '../conventions';
import type { DeclarationProblem, MetricKind } from '../conventions';
import { isObject } from '../internal/is';
import type { FamilySpec } from './family';
import { resolveWindow } from './window';
import type { ResolvedWindow } from './window';

/** A declaration that passed validation. */
export interface ResolvedDeclaration {
  readonly spec: FamilySpec;
  readonly bounds: readonly number[];
  /** Everything that identifies the declared shape; equal signatures mean "the same metric". */
  readonly signature: string;
  readonly warnings: readonly DeclarationProblem[];
}

/** A declaration that failed validation; enough to build a no-op metric. */
export interface RejectedDeclaration {
  readonly errors: readonly DeclarationProblem[];
  readonly warnings: readonly DeclarationProblem[];
  readonly name: string;
  readonly kind: MetricKind;
  readonly description: string;
  readonly unit: string | undefined;
  readonly labelNames: readonly string[];
}

function isKind(value: unknown): value is MetricKind {
  return value === 'counter' || value === 'gauge' || value === 'histogram';
}

/** Validates `declaration` (declared under `key` in `component`) and resolves defaults. */
export function resolveDeclaration(component: string, key: string, declaration: unknown, defaultWindow: ResolvedWindow): ResolvedDeclaration | RejectedDeclaration {
  const d = isObject(declaration) ? declaration : {};
  const kind = isKind(d['kind']) ? d['kind'] : undefined;
  const labelNames = Array.isArray(d['labels']) ? (d['labels'] as unknown[]).map(String) : [];
  const description = typeof d['description'] === 'string' ? d['description'] : '';
  const unit = typeof d['unit'] === 'string' ? d['unit'] : undefined;
  if (kind === undefined) {
    const error: DeclarationProblem = { code: 'invalid-name', severity: 'error', message: `"${key}" is not a declaration: use counter(), gauge() or histogram()` };
    return { errors: [error], warnings: [], name: key, kind: 'counter', description, unit, labelNames };
  }
  const problems = validateDeclaration({
    component,
    name: key,
    kind,
    description: d['description'],
    unit: d['unit'],
    labels: d['labels'],
    buckets: d['buckets'],
    maxSeries: d['maxSeries'],
  });
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const name = errors.some((e) => e.code === 'invalid-component' || e.code === 'invalid-name') ? `${component}.${key}` : exposedName(component, key, kind, unit);
  if (errors.length > 0) return { errors, warnings, name, kind, description, unit, labelNames };

  const bounds = kind === 'histogram' ? ((d['buckets'] as readonly number[] | undefined) ?? DEFAULT_BUCKETS) : [];
  const maxSeries = typeof d['maxSeries'] === 'number' && Number.isInteger(d['maxSeries']) && d['maxSeries'] >= 1 ? d['maxSeries'] : undefined;
  const w = isObject(d['window']) ? d['window'] : {};
  const window = resolveWindow(w['seconds'], w['slots'], defaultWindow);
  const exportWindow = w['export'] === true;
  const spec: FamilySpec = {
    name,
    component,
    key,
    kind,
    description: description.trim() === '' ? name : description,
    unit,
    labelNames: Object.freeze(labelNames.slice()),
    maxSeries,
    window,
    exportWindow,
    isSelf: false,
  };
  const signature = JSON.stringify([kind, unit ?? '', labelNames, bounds, maxSeries ?? 0, isObject(d['window']) ? [window.seconds, window.slots, exportWindow] : 0, description]);
  return { spec, bounds, signature, warnings };
}

/** Narrows a resolution result to a rejection. */
export function isRejected(r: ResolvedDeclaration | RejectedDeclaration): r is RejectedDeclaration {
  return 'errors' in r;
}
