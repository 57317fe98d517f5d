// One exchange: its summary, attempts on a time line, masked headers and bodies (JSON and XML pretty-printed).
import { fill, h, keyValues, ms, s, time } from './dom.js';
import { statusText } from './journal.js';

export function render(container, { match }, page) {
  const id = decodeURIComponent(match[1]);
  const panel = h('section', { class: 'panel wide', id: 'exchange' }, h('p', { class: 'muted' }, 'loading…'));
  container.append(h('p', { class: 'crumbs' }, h('a', { href: '#/journal' }, '← Journal')), panel);
  page.api(`/api/v1/exchanges/${encodeURIComponent(id)}`).then((x) => show(panel, x), (e) => {
    if (e.name !== 'AbortError') fill(panel, h('h1', {}, 'Exchange'), h('p', { class: 'error' }, e.message));
  });
}

function show(panel, x) {
  const summary = { ...x };
  delete summary.attempts;
  delete summary.request;
  delete summary.response;
  fill(panel,
    h('h1', {}, `${x.method} `, h('code', {}, x.target), ' → ', h('span', { class: 'status' }, statusText(x))),
    h('p', { class: 'muted' }, `${time(x.time)} · `, h('a', { href: `#/connector/${encodeURIComponent(x.connector)}` }, x.connector),
      x.caller ? ` · caller ${x.caller}` : '', ` · ${ms(x.durationMs)}`,
      x.traceId ? h('span', {}, ' · trace ', h('a', { href: `#/journal?trace=${encodeURIComponent(x.traceId)}` }, h('code', {}, x.traceId))) : ''),
    h('h2', {}, 'Summary'), keyValues(summary),
    h('h2', {}, 'Attempts'), attempts(x),
    message('Request', x.request),
    message('Response', x.response));
}

function attempts(x) {
  const list = Array.isArray(x.attempts) ? x.attempts : [];
  if (!list.length) return h('p', { class: 'muted' }, 'No attempt reached an upstream (the gateway answered itself).');
  const total = Math.max(x.durationMs || 0, ...list.map((a) => (a.startMs || 0) + (a.durationMs || 0)), 1);
  const width = 600;
  return h('table', { class: 'grid attempts' },
    h('thead', {}, h('tr', {}, ['#', 'endpoint', 'status', 'start', 'duration', 'timeline'].map((t) => h('th', {}, t)))),
    h('tbody', {}, list.map((a, i) => h('tr', { class: a.error ? 'bad' : '' },
      h('td', {}, String(i + 1)), h('td', {}, h('code', {}, a.endpoint || '')),
      h('td', {}, a.error ? `${a.status ?? ''} ${a.error}` : String(a.status ?? '—')),
      h('td', {}, ms(a.startMs)), h('td', {}, ms(a.durationMs)),
      h('td', {}, s('svg', { viewBox: `0 0 ${width} 12`, class: 'timeline' },
        s('rect', { x: ((a.startMs || 0) / total) * width, y: 1, height: 10,
          width: Math.max(2, ((a.durationMs || 0) / total) * width), class: a.error ? 'bar bad' : 'bar' })))))));
}

function message(title, m) {
  if (!m) return h('section', {}, h('h2', {}, title), h('p', { class: 'muted' }, 'none'));
  return h('section', { class: 'message', 'data-part': title.toLowerCase() },
    h('h2', {}, title),
    h('table', { class: 'grid headers' }, h('tbody', {}, (m.headers || []).map(([name, value]) =>
      h('tr', {}, h('th', {}, name), h('td', {}, h('code', {}, value)))))),
    body(m.body));
}

function body(b) {
  if (!b) return h('p', { class: 'muted' }, 'no body');
  const facts = `${b.size} bytes · ${b.contentType || 'no content type'}${b.truncated ? ' · truncated' : ''}`;
  if (b.binary || b.text === null || b.text === undefined) return h('p', { class: 'muted' }, `binary body, ${facts}`);
  return h('div', {}, h('p', { class: 'muted' }, facts), h('pre', { class: 'body' }, pretty(b.text, b.contentType || '')));
}

/** Pretty-prints JSON or XML text; anything else (or text that does not parse) is shown as it is. */
export function pretty(text, contentType) {
  const type = contentType.toLowerCase();
  const trimmed = text.trim();
  if (type.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  }
  if (type.includes('xml') || trimmed.startsWith('<')) return prettyXml(trimmed);
  return text;
}

function prettyXml(xml) {
  const tokens = xml.replace(/>\s+</g, '><').split(/(?=<)|(?<=>)/g).filter((t) => t.length);
  let depth = 0;
  const lines = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token.startsWith('</')) {
      depth = Math.max(0, depth - 1);
      lines.push('  '.repeat(depth) + token);
    } else if (token.startsWith('<') && !token.endsWith('/>') && !token.startsWith('<?') && !token.startsWith('<!')) {
      // <a>text</a> stays on one line.
      if (tokens[i + 1] && !tokens[i + 1].startsWith('<') && tokens[i + 2] && tokens[i + 2].startsWith('</')) {
        lines.push('  '.repeat(depth) + token + tokens[i + 1] + tokens[i + 2]);
        i += 2;
      } else {
        lines.push('  '.repeat(depth) + token);
        depth += 1;
      }
    } else {
      lines.push('  '.repeat(depth) + token);
    }
  }
  return lines.join('\n');
}
