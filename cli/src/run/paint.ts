/** C0 and C1 control characters (and DEL), which would garble the terminal (use with `replace`). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/** ANSI styling for terminal output, or none. */
export interface Painter {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

const style = (open: number, close: number) => (text: string): string => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string): string => text;

/** A painter that colours when `color` is true. */
export function paint(color: boolean): Painter {
  return color ? { bold: style(1, 22), dim: style(2, 22), red: style(31, 39), yellow: style(33, 39) } : { bold: plain, dim: plain, red: plain, yellow: plain };
}

/** Whether to colour a stream: a TTY, unless NO_COLOR is set (https://no-color.org) or FORCE_COLOR forces it. */
export function shouldColor(stream: { readonly isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return stream.isTTY === true;
}
