/**
 * How deep the engine's AST walks go. Real code nests a few dozen levels; generated or hostile files (a
 * 2,500-term `a + a + …` chain, thousands of nested brackets) would overflow the stack of a recursive walk.
 * Below this depth the walks stop descending: the subtree is not linted, the rest of the file is.
 */
export const MAX_WALK_DEPTH = 1000;
