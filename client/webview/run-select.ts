/** The run selector of the panels that show one run (Metrics, Logs): options rebuilt only when the runs change. */
import type { RunOption } from '../../protocol/webview';
import { clear, el } from './dom';

export class RunSelect {
  readonly element = el('select', { className: 'run-select', title: 'Run' });
  private shown = '';

  /** Calls `onSelect` with the run id the user picks. */
  constructor(onSelect: (runId: string) => void) {
    this.element.addEventListener('change', () => onSelect(this.element.value));
  }

  update(runs: readonly RunOption[], selected: string | undefined): void {
    const key = JSON.stringify(runs);
    if (key !== this.shown) {
      this.shown = key;
      clear(this.element);
      for (const run of runs) {
        const option = el('option', { text: run.label });
        option.value = run.id;
        this.element.appendChild(option);
      }
    }
    this.element.disabled = runs.length === 0;
    if (selected !== undefined) this.element.value = selected;
  }
}
