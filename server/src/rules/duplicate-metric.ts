import { createFactsRule } from '../engine/create-rule';
import { exposedNameOf, labelSignature } from '../engine/exposed';
import { declarationsOf } from '../engine/facts';
import type { MetricDecl } from '../engine/facts';
import { baseUnitOf } from '../engine/units';
import type { DeclarationSite } from '../engine/workspace-view';

/** One exposed name means one metric: the same name declared with another kind, unit or labels breaks queries. */
export default createFactsRule(
  {
    id: 'duplicate-metric',
    description: 'The same exposed metric name is not declared twice with a different kind, unit or labels.',
    category: 'declaration',
    defaultSeverity: 'error',
    hasFix: false,
    messages: {
      conflict: "'{{name}}' is also declared in {{other}} with {{difference}}; one exposed name must mean one metric.",
    },
  },
  (context) => {
    // Tests declare metrics on registries or meter providers of their own, one per case.
    const isTest = (fileName: string): boolean => isTestFile(context.workspace.displayName(fileName));
    if (isTest(context.fileName)) return;
    for (const decl of declarationsOf(context.facts)) {
      const name = exposedNameOf(decl);
      if (name === undefined) continue;
      const others = context.workspace.declarationsExposedAs(name).filter((s) => !(s.fileName === context.fileName && s.decl === decl) && !isTest(s.fileName));
      const conflict = others.map((site) => ({ site, difference: differenceOf(decl, site.decl) })).find((c) => c.difference !== undefined);
      if (!conflict?.difference) continue;
      const other = where(context.workspace.displayName(conflict.site.fileName), conflict.site);
      context.report({
        range: decl.nameRange,
        messageId: 'conflict',
        data: { name, other, difference: conflict.difference },
        related: [{ fileName: conflict.site.fileName, range: conflict.site.decl.nameRange, message: `'${name}' declared here` }],
      });
    }
  },
);

function where(file: string, site: DeclarationSite): string {
  return `${file}:${site.decl.nameRange.start.line + 1}`;
}

/** How the other declaration differs, in words; undefined when it is compatible. */
function differenceOf(a: MetricDecl, b: MetricDecl): string | undefined {
  if (promKind(a) !== promKind(b)) return `kind ${b.kind}`;
  const unitA = unitOf(a);
  const unitB = unitOf(b);
  if (unitA !== undefined && unitB !== undefined && unitA !== unitB) return `unit ${unitB}`;
  const labelsA = labelSignature(a);
  const labelsB = labelSignature(b);
  if (labelsA !== undefined && labelsB !== undefined && labelsA !== labelsB) return labelsB === '' ? 'no labels' : `labels ${labelsB}`;
  return undefined;
}

/** Kinds as Prometheus exposes them: an up-down counter is a gauge. */
function promKind(d: MetricDecl): string {
  return d.kind === 'updown' ? 'gauge' : d.kind;
}

function unitOf(d: MetricDecl): string | undefined {
  const unit = d.unit?.value;
  return unit === undefined ? undefined : (baseUnitOf(unit, d.api) ?? unit);
}

/** `*.test.ts`, `*.spec.js`, or anything under (relative to the workspace root) a `test`, `tests`, `__tests__` or `spec` folder. */
function isTestFile(fileName: string): boolean {
  return /\.(?:test|spec)\.[cm]?[jt]sx?$/i.test(fileName) || /(?:^|\/)(?:test|tests|__tests__|spec)\//.test(fileName);
}
