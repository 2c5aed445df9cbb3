import { BASE_UNITS, toSnakeCase } from '../../../runtime/src/conventions';
import { createFactsRule } from '../engine/create-rule';
import { declarationsWithWrappers } from '../engine/facts';
import type { MetricDecl } from '../engine/facts';
import { insertPropertyEdit, quote } from '../engine/fixes';
import { baseUnitOf, unitText } from '../engine/units';
import type { FactsRuleContext } from '../engine/types';

/** The unit a name ends with and the declared unit agree; a name that names a unit declares it. */
export default createFactsRule(
  {
    id: 'unit-suffix-mismatch',
    description: "The declared unit and the unit suffix of the name agree ('latency_seconds' declares unit 'seconds').",
    category: 'units',
    defaultSeverity: 'warning',
    hasFix: true,
    messages: {
      mismatch: "'{{name}}' ends in '{{suffix}}' but declares unit '{{unit}}'.",
      missingUnit: "'{{name}}' ends in '{{suffix}}' but declares no unit; declare unit '{{declared}}'.",
    },
  },
  (context) => {
    for (const decl of declarationsWithWrappers(context.facts, context.workspace)) check(context, decl);
  },
);

function check(context: FactsRuleContext, decl: MetricDecl): void {
  if (decl.api === 'prom-client' || decl.name === undefined) return;
  const suffix = unitSuffix(decl.name);
  if (suffix === undefined) return;
  const unit = decl.unit?.value;
  if (decl.unit && unit !== undefined) {
    const base = baseUnitOf(unit, decl.api);
    if (base !== undefined && base !== suffix) context.report({ range: decl.unit.range, messageId: 'mismatch', data: { name: decl.name, suffix, unit } });
    return;
  }
  if (decl.unit) return; // a unit that is not a constant
  const declared = unitText(suffix, decl.api);
  const fix = decl.options ? { title: `Declare unit '${declared}'`, edits: [insertPropertyEdit(decl.options, 'unit', quote(declared, decl.language === 'python' ? '"' : "'"))] } : undefined;
  context.report({ range: decl.nameRange, messageId: 'missingUnit', data: { name: decl.name, suffix, declared }, ...(fix ? { fix } : {}) });
}

/** Countable "units" that are the thing counted rather than a physical unit: not suffixes to check. */
const COUNT_UNITS = new Set(['requests', 'errors', 'tokens', 'items']);

/** The physical base unit a name ends with, ignoring a trailing `total`: `read_bytes_total` → bytes. */
function unitSuffix(name: string): string | undefined {
  const words = toSnakeCase(name.replace(/\./g, '_')).split('_');
  if (words[words.length - 1] === 'total') words.pop();
  const last = words[words.length - 1];
  return words.length > 1 && last !== undefined && BASE_UNITS[last] !== undefined && !COUNT_UNITS.has(last) ? last : undefined;
}
