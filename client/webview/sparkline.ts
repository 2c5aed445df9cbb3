/** A small SVG line of recent values (drawn with DOM calls; colours come from the theme via CSS). */

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 90;
const HEIGHT = 24;

export function sparkline(values: readonly number[], label: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('width', String(WIDTH));
  svg.setAttribute('height', String(HEIGHT));
  svg.setAttribute('role', 'img');
  const title = document.createElementNS(SVG, 'title');
  title.textContent = label;
  svg.appendChild(title);
  if (values.length === 0) return svg;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const step = values.length > 1 ? (WIDTH - 4) / (values.length - 1) : 0;
  const points = values.map((v, i) => `${(2 + i * step).toFixed(1)},${(HEIGHT - 3 - ((v - min) / span) * (HEIGHT - 6)).toFixed(1)}`);
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', values.length > 1 ? points.join(' ') : `${points[0]} ${WIDTH - 2},${points[0]?.split(',')[1] ?? HEIGHT / 2}`);
  svg.appendChild(line);
  const last = document.createElementNS(SVG, 'circle');
  const [x = '0', y = '0'] = (points[points.length - 1] ?? '0,0').split(',');
  last.setAttribute('cx', values.length > 1 ? x : String(WIDTH - 2));
  last.setAttribute('cy', y);
  last.setAttribute('r', '2');
  svg.appendChild(last);
  return svg;
}
