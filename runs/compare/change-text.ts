/**
 * How a change reads in the diff table, the Compare view and the CodeLens (pure): durations and
 * values as a relative change (`+18%`, `−4.2%`), counts as a difference (`+2`).
 */
import { relativeChange } from './span-compare';

/** `+18%`, `-4.2%`, `±0%`; `new` when the base is 0 and the head is not; `–` when a side is unknown. */
export function relativeChangeText(base: number | undefined, head: number | undefined): string {
  if (base === undefined || head === undefined || !Number.isFinite(base) || !Number.isFinite(head)) return '–';
  const relative = relativeChange(base, head);
  if (relative === undefined) return 'new';
  const percent = relative * 100;
  if (Math.abs(percent) < 0.05) return '±0%';
  const digits = Math.abs(percent) < 10 ? 1 : 0;
  return `${percent > 0 ? '+' : ''}${percent.toFixed(digits)}%`;
}

/** `+2`, `-1`, `±0`; `–` when a side is unknown. */
export function countChangeText(base: number | undefined, head: number | undefined): string {
  if (base === undefined || head === undefined) return '–';
  const delta = head - base;
  return delta === 0 ? '±0' : `${delta > 0 ? '+' : ''}${delta.toLocaleString('en-US')}`;
}
