/**
 * Run labels carry their local start time (`model-server.js · 14:02:11`), so two runs of the same program
 * can be told apart in the Spans view, the Metrics panel's picker, the status bar and the compare picker.
 * Pure: the clock is the caller's.
 */

/** `14:02:11`: local wall-clock time, 24-hour, with seconds. */
export function startTimeText(start: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(start.getHours())}:${two(start.getMinutes())}:${two(start.getSeconds())}`;
}

/** `demo · 14:02:11`. */
export function labelWithStartTime(label: string, start: Date): string {
  return `${label} · ${startTimeText(start)}`;
}
