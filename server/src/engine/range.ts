/** Zero-based position, as in LSP (character counts UTF-16 code units). */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A zero-based range, end exclusive. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}
