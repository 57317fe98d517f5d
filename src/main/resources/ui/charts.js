// Hand-drawn SVG charts: a time series with several lines, and a gauge with threshold marks.
import { s } from './dom.js';

const W = 640;
const H = 180;
const PAD = { left: 48, right: 12, top: 12, bottom: 24 };

/**
 * A time-series chart. series = [{name, cls, points: [[timeMs, value|null], ...]}]; format(value) labels the y axis.
 */
export function timeChart(series, { format = String, max = null, label = '' } = {}) {
  const all = series.flatMap((line) => line.points).filter(([, v]) => v !== null && v !== undefined);
  const times = series.flatMap((line) => line.points.map(([t]) => t));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': label });
  if (!times.length) {
    svg.append(s('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'chart-empty' }, 'no data in this window'));
    return svg;
  }
  const t0 = Math.min(...times);
  const t1 = Math.max(...times, t0 + 1);
  const top = max ?? (Math.max(...all.map(([, v]) => v), 0) * 1.1 || 1);
  const x = (t) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  for (const fraction of [0, 0.5, 1]) {
    const v = top * fraction;
    svg.append(s('line', { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(s('text', { x: PAD.left - 4, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, format(v)));
  }
  for (const t of [t0, (t0 + t1) / 2, t1]) {
    svg.append(s('text', { x: x(t), y: H - 6, 'text-anchor': 'middle', class: 'axis' },
      new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })));
  }
  for (const line of series) {
    let d = '';
    let pen = false;
    for (const [t, v] of line.points) {
      if (v === null || v === undefined) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${x(t).toFixed(1)},${y(Math.min(v, top)).toFixed(1)} `;
      pen = true;
    }
    const path = s('path', { d: d.trim() || 'M0,0', class: `series ${line.cls}` });
    path.append(s('title', {}, line.name));
    svg.append(path);
  }
  const legend = s('g', { class: 'legend' });
  series.forEach((line, i) => {
    legend.append(s('rect', { x: PAD.left + 8 + i * 90, y: PAD.top, width: 10, height: 10, class: `swatch ${line.cls}` }));
    legend.append(s('text', { x: PAD.left + 22 + i * 90, y: PAD.top + 9, class: 'axis' }, line.name));
  });
  svg.append(legend);
  return svg;
}

/**
 * A horizontal gauge for a resource value with its thresholds: the value bar, warn and critical marks, coloured by
 * level.
 */
export function gauge(value, thresholds, level) {
  const marks = Object.values(thresholds || {}).filter((v) => v !== null && v !== undefined);
  const known = [...marks, value ?? 0];
  const top = Math.max(...known, 1) * 1.25;
  const width = 360;
  const x = (v) => (Math.max(0, v) / top) * width;
  const svg = s('svg', { viewBox: `0 0 ${width} 34`, class: 'gauge', role: 'img',
    'aria-label': `value ${value ?? 'unknown'}, level ${level ?? 'unknown'}` });
  svg.append(s('rect', { x: 0, y: 6, width, height: 14, class: 'gauge-track' }));
  if (value !== null && value !== undefined) {
    svg.append(s('rect', { x: 0, y: 6, width: x(value), height: 14, class: `gauge-bar level-${level || 'unknown'}` }));
  }
  const names = { warnBelow: 'warn <', criticalBelow: 'crit <', warnAbove: 'warn >', criticalAbove: 'crit >' };
  for (const [key, v] of Object.entries(thresholds || {})) {
    if (v === null || v === undefined) continue;
    const cls = key.startsWith('critical') ? 'mark-critical' : 'mark-warn';
    svg.append(s('line', { x1: x(v), x2: x(v), y1: 2, y2: 24, class: cls }));
    svg.append(s('text', { x: x(v), y: 33, 'text-anchor': 'middle', class: 'axis' }, `${names[key]} ${v}`));
  }
  return svg;
}
