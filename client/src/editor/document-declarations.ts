/** The metric declarations of a document, by its language: Python (`define_stats`, stats classes) or TypeScript/JavaScript (`defineStats`). */
import { findPythonStatsDeclarations } from './python-stats-declarations';
import { findStatsDeclarations } from './stats-declarations';
import type { StatsDeclaration } from './stats-declarations';

export function findDeclarationsIn(languageId: string, text: string): StatsDeclaration[] {
  return languageId === 'python' ? findPythonStatsDeclarations(text) : findStatsDeclarations(text);
}
