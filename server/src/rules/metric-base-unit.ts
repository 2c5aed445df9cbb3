import { BASE_UNITS, findNonBaseUnitSegment, NON_BASE_UNITS } from '../../../runtime/src/conventions';
import type { UnitConversion } from '../../../runtime/src/conventions';
import { createFactsRule } from '../engine/create-rule';
import { declarationsWithWrappers } from '../engine/facts';
import type { MetricDecl } from '../engine/facts';
import { insertPropertyEdit, otherFileCount, quote, renameMetricEdits, replaceStringEdit, structOf } from '../engine/fixes';
import { conventionFor, dedupeNeighbours, rewriteWords } from '../engine/naming';
import { baseUnitOf, convertValueEdits, formatNumber, nonBaseUnit, unitText, valueArgs } from '../engine/units';
import type { EditDescriptor, FactsRuleContext } from '../engine/types';

/**
 * Metrics record base units: seconds (not ms or minutes), bytes (not bits or kB). The quick fix renames
 * the metric, sets the base unit and converts every recorded value and bucket bound.
 */
export default createFactsRule(
  {
    id: 'metric-base-unit',
    description: 'Metrics use base units (seconds, bytes) and no unit abbreviations in names.',
    category: 'units',
    defaultSeverity: 'warning',
    hasFix: true,
    messages: {
      nonBaseUnit: "Unit '{{unit}}' is not a base unit; record {{base}} instead.",
      unitInName: "'{{name}}' names the unit '{{unit}}'; record {{base}} and name the unit '{{base}}'.",
      unknownUnit: "Unit '{{unit}}' is not a known base unit ({{known}}).",
    },
  },
  (context) => {
    for (const decl of declarationsWithWrappers(context.facts, context.workspace)) check(context, decl);
  },
);

function check(context: FactsRuleContext, decl: MetricDecl): void {
  const unit = decl.unit?.value;
  const unitConversion = unit === undefined ? undefined : nonBaseUnit(unit, decl.api);
  const segment = decl.name === undefined ? undefined : findNonBaseUnitSegment(decl.name);
  const nameConversion = segment === undefined ? undefined : NON_BASE_UNITS[segment];
  const conversion = unitConversion ?? nameConversion;
  if (decl.unit && unit !== undefined && unitConversion) {
    const fix = conversionFix(context, decl, unitConversion, segment);
    context.report({ range: decl.unit.range, messageId: 'nonBaseUnit', data: { unit, base: unitConversion.base }, ...(fix ? { fix } : {}), isAlsoReportedByTypeScript: isTypedUnit(context, decl) });
  } else if (segment !== undefined && conversion && decl.name !== undefined) {
    const fix = conversionFix(context, decl, conversion, segment);
    context.report({ range: decl.nameRange, messageId: 'unitInName', data: { name: decl.name, unit: segment, base: conversion.base }, ...(fix ? { fix } : {}) });
  } else if (decl.api === 'statscope' && decl.unit && unit !== undefined && BASE_UNITS[unit] === undefined) {
    context.report({ range: decl.unit.range, messageId: 'unknownUnit', data: { unit, known: Object.keys(BASE_UNITS).join(', ') }, isAlsoReportedByTypeScript: isTypedUnit(context, decl) });
  }
}

/** Renames the metric, declares the base unit and converts values and buckets; undefined when not possible. */
function conversionFix(context: FactsRuleContext, decl: MetricDecl, conversion: UnitConversion, segment: string | undefined): { title: string; edits: EditDescriptor[] } | undefined {
  // Through a wrapper the recorded values are out of sight: renaming alone would mislabel them.
  if (decl.isViaWrapper === true || decl.isOnImportedMeter === true) return undefined;
  const edits: EditDescriptor[] = [];
  if (segment !== undefined) {
    const renamed = renameEdits(context, decl, segment, conversion.base);
    if (!renamed) return undefined;
    edits.push(...renamed);
  }
  const unitEdit = unitEditFor(decl, conversion.base, decl.api !== 'prom-client');
  if (unitEdit) edits.push(unitEdit);
  let sites = 0;
  // A base unit already declared means the values are in it; only the name is wrong then.
  const declared = decl.unit?.value;
  const isValueInBase = declared !== undefined && baseUnitOf(declared, decl.api) !== undefined;
  if (conversion.factor !== 1 && !isValueInBase) {
    for (const { fileName, args } of valueSites(context, decl)) {
      for (const arg of args) edits.push(...convertValueEdits(arg, conversion.factor, fileName === context.fileName ? undefined : fileName));
      sites += args.length;
    }
    if (decl.buckets) {
      if (decl.buckets.values.some((v) => v === undefined)) return undefined;
      const converted = decl.buckets.values.map((v) => formatNumber((v as number) * conversion.factor)); // all numeric, checked above
      edits.push({ range: decl.buckets.range, newText: `[${converted.join(', ')}]` });
    }
  }
  if (edits.length === 0) return undefined;
  const reach = sites > 0 ? ` and convert ${sites} recorded value${sites === 1 ? '' : 's'}` : '';
  const files = otherFileCount(edits);
  return { title: `Convert to ${conversion.base}${reach}${files > 0 ? ` (${files + 1} files)` : ''}`, edits };
}

/** The rename that drops (statscope, OTel style) or replaces (Prometheus names) the unit word. */
function renameEdits(context: FactsRuleContext, decl: MetricDecl, segment: string, base: string): EditDescriptor[] | undefined {
  const keepsUnitInName = conventionFor(decl, context.settings) === 'prometheus' && decl.api !== 'statscope';
  const newName = decl.name === undefined ? undefined : rewriteWords(decl.name, (words) => dedupeNeighbours(words.flatMap((w) => (w === segment ? (keepsUnitInName ? [base] : []) : [w]))));
  if (newName === undefined) return undefined;
  return renameMetricEdits(context.workspace, context.fileName, decl, newName);
}

/** Sets the declared unit to the base unit (replacing or adding the property); prom-client has none. */
function unitEditFor(decl: MetricDecl, base: string, canDeclare: boolean): EditDescriptor | undefined {
  if (decl.api === 'prom-client' || !canDeclare) return undefined;
  const text = unitText(base, decl.api);
  if (decl.unit) return replaceStringEdit(decl.unit, text);
  if (decl.options) return insertPropertyEdit(decl.options, 'unit', quote(text, decl.language === 'python' ? '"' : "'"));
  return undefined;
}

/** Every call site that records a value into this metric, across the workspace. */
function valueSites(context: FactsRuleContext, decl: MetricDecl): { fileName: string; args: ReturnType<typeof valueArgs> }[] {
  if (decl.api !== 'statscope') {
    if (decl.local === undefined) return [];
    return context.workspace.usesOfRaw(context.fileName, decl).map((r) => ({ fileName: r.fileName, args: valueArgs(decl.api, ownCalls(r.members, r.offset, r.use.handleMembers)) }));
  }
  const struct = structOf(context.facts.structs, decl);
  if (!struct) return [];
  return context.workspace
    .usesOfStruct(context.fileName, struct)
    .uses.filter((r) => r.members[0]?.name === decl.name)
    .map((r) => ({ fileName: r.fileName, args: valueArgs('statscope', ownCalls(r.members.slice(1), r.offset + 1, r.use.handleMembers)) }));
}

/** The calls written at this site (not the ones copied from a handle's initializer). */
function ownCalls<T>(calls: readonly T[], firstIndex: number, handleMembers: number | undefined): T[] {
  return calls.filter((_, i) => firstIndex + i >= (handleMembers ?? 0));
}

/** statscope types `unit` as the union of base units: in TypeScript any other unit is a compile error too. */
function isTypedUnit(context: FactsRuleContext, decl: MetricDecl): boolean {
  return decl.api === 'statscope' && context.facts.isTypeScript;
}
