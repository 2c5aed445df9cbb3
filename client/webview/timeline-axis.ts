/** The Trace timeline's time axis: round offsets from the trace start above the lane. */
import { formatOffset, tickStep, timeToX } from '../../protocol/timeline-view';
import type { TimeWindow } from '../../protocol/timeline-view';
import { el } from './dom';

/** About one label per this many px. */
const PX_PER_TICK = 90;

export class TimelineAxis {
  private readonly lane = el('div', { className: 'tl-axis-lane' });
  readonly element = el('div', { className: 'tl-axis' }, el('div', { className: 'tl-axis-name', text: 'Span' }), this.lane);
  private readonly labels: HTMLElement[] = [];

  render(window: TimeWindow | undefined, width: number): void {
    let used = 0;
    if (window !== undefined) {
      const step = tickStep(window, Math.floor(width / PX_PER_TICK));
      for (let t = Math.ceil(window.start / step) * step; t <= window.end && used < 100; t += step) {
        const label = this.label(used++);
        label.textContent = formatOffset(Number(t.toPrecision(12)));
        label.style.left = `${timeToX(t, window, width)}px`;
      }
    }
    for (let i = used; i < this.labels.length; i++) (this.labels[i] as HTMLElement).hidden = true;
  }

  private label(i: number): HTMLElement {
    let label = this.labels[i];
    if (label === undefined) {
      label = el('span', { className: 'tl-tick-label' });
      this.labels.push(label);
      this.lane.appendChild(label);
    }
    label.hidden = false;
    return label;
  }
}
