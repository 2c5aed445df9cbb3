/** Durations as users type them (pure): `50`, `50ms`, `1.5 s`, `250us`, `2m`. A bare number is milliseconds. */

const UNITS: ReadonlyMap<string, number> = new Map([
  ['', 1],
  ['ms', 1],
  ['s', 1000],
  ['sec', 1000],
  ['m', 60_000],
  ['min', 60_000],
  ['us', 0.001],
  ['µs', 0.001],
  ['ns', 0.000001],
]);

/** Milliseconds, or undefined when the text is not a non-negative duration. Empty text means 0 (no limit). */
export function parseDurationMs(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') return 0;
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-zµ]*)$/.exec(trimmed);
  if (match === null) return undefined;
  const factor = UNITS.get(match[2] ?? '');
  return factor === undefined ? undefined : Number(match[1]) * factor;
}
