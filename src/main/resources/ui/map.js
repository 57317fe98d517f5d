// The service map: callers on the left, connectors on the right, edges weighted by calls and coloured by error rate.
import { fill, h, percent, s } from './dom.js';

const WINDOWS = ['1m', '5m', '15m', '1h', '6h', '24h'];
const REFRESH_MS = 10000;

export function render(container, { params }, page) {
  const chosen = WINDOWS.includes(params.get('window')) ? params.get('window') : '15m';
  const select = h('select', { id: 'map-window', 'aria-label': 'window' },
    WINDOWS.map((w) => h('option', { value: w, selected: w === chosen }, `last ${w}`)));
  select.addEventListener('change', () => { window.location.hash = `#/map?window=${select.value}`; });
  const drawing = h('div', { id: 'map' }, h('p', { class: 'muted' }, 'loading…'));
  container.append(h('section', { class: 'panel wide' },
    h('h1', {}, 'Service map ', select),
    h('p', { class: 'muted' }, 'Who calls what, from the journal. Edge width: calls; colour: error rate (green under 1%, yellow under 5%, red above).'),
    drawing));

  page.every(REFRESH_MS, async () => {
    try {
      draw(drawing, await page.api(`/api/v1/service-map?window=${chosen}`));
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      fill(drawing, h('p', { class: 'error' }, `No map: ${e.message}`));
    }
  });
}

function draw(target, m) {
  const callers = m.callers || [];
  const connectors = m.connectors || [];
  const edges = m.edges || [];
  if (!edges.length) {
    fill(target, h('p', { class: 'muted' }, `No calls in the last ${m.window}.`));
    return;
  }
  const rowH = 34;
  const height = Math.max(callers.length, connectors.length) * rowH + 40;
  const width = 900;
  const left = 200;
  const right = width - 200;
  const y = (index, count) => 20 + (height - 40) * ((index + 0.5) / count);
  const callerY = new Map(callers.map((c, i) => [c, y(i, callers.length)]));
  const connectorY = new Map(connectors.map((c, i) => [c, y(i, connectors.length)]));
  const maxCalls = Math.max(...edges.map((e) => e.calls), 1);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'service-map', role: 'img', 'aria-label': 'service map' });
  for (const e of edges) {
    const y1 = callerY.get(e.caller);
    const y2 = connectorY.get(e.connector);
    if (y1 === undefined || y2 === undefined) continue;
    const errorRate = e.calls ? e.errors / e.calls : 0;
    const cls = errorRate >= 0.05 ? 'edge-red' : errorRate >= 0.01 ? 'edge-yellow' : 'edge-green';
    const path = s('path', {
      d: `M${left},${y1} C${(left + right) / 2},${y1} ${(left + right) / 2},${y2} ${right},${y2}`,
      class: `edge ${cls}`, 'stroke-width': (1.5 + 12 * Math.sqrt(e.calls / maxCalls)).toFixed(1),
      'data-caller': e.caller, 'data-connector': e.connector,
    });
    path.append(s('title', {}, `${e.caller} → ${e.connector}: ${e.calls} calls, ${e.errors} errors (${percent(errorRate)})`));
    svg.append(path);
  }
  for (const [name, cy] of callerY) {
    svg.append(s('circle', { cx: left, cy, r: 6, class: 'node caller' }),
      s('text', { x: left - 12, y: cy + 5, 'text-anchor': 'end', class: 'node-label' }, name));
  }
  for (const [name, cy] of connectorY) {
    const link = s('a', { href: `#/connector/${encodeURIComponent(name)}` },
      s('circle', { cx: right, cy, r: 6, class: 'node connector' }),
      s('text', { x: right + 12, y: cy + 5, class: 'node-label' }, name));
    svg.append(link);
  }
  fill(target, svg);
}
