// The journal: a search form, a table of exchanges newest first, paged with the API's cursor.
import { h, fill, ms, time } from './dom.js';

const FIELDS = [
  ['connector', 'Connector', 'courier'],
  ['caller', 'Caller', 'shop'],
  ['status', 'Status', '502 or 5xx'],
  ['trace', 'Trace id', '32 hex digits'],
  ['since', 'Since', '15m or 2026-11-26T14:00:00Z'],
  ['until', 'Until', 'ISO-8601 or 5m'],
  ['q', 'Path contains', '/orders'],
];

export function render(container, { params }, page) {
  const inputs = {};
  const form = h('form', { class: 'search', id: 'journal-search' },
    FIELDS.map(([name, label, hint]) => {
      const input = h('input', { name, id: `journal-${name}`, placeholder: hint, value: params.get(name) || '' });
      inputs[name] = input;
      return h('label', {}, label, input);
    }),
    h('button', { type: 'submit' }, 'Search'),
    h('button', { type: 'button', class: 'small', onclick: () => { window.location.hash = '#/journal'; } }, 'Clear'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const search = new URLSearchParams();
    for (const [name, input] of Object.entries(inputs)) {
      if (input.value.trim()) search.set(name, input.value.trim());
    }
    const next = `#/journal${search.toString() ? `?${search}` : ''}`;
    // Searching again with the same terms still re-runs the query.
    if (window.location.hash === next) load(null);
    else window.location.hash = next;
  });
  const results = h('div', { id: 'journal-results' }, h('p', { class: 'muted' }, 'searching…'));
  const pager = h('div', { class: 'pager' });
  container.append(h('section', { class: 'panel wide' }, h('h1', {}, 'Journal'), form, results, pager));

  const base = new URLSearchParams();
  for (const [name] of FIELDS) if (params.get(name)) base.set(name, params.get(name));
  base.set('limit', '50');
  const cursors = [];

  async function load(cursor) {
    const search = new URLSearchParams(base);
    if (cursor) search.set('cursor', cursor);
    let answer;
    try {
      answer = await page.api(`/api/v1/exchanges?${search}`);
    } catch (e) {
      if (e.name === 'AbortError') return;
      fill(results, h('p', { class: 'error' }, `The journal cannot be searched: ${e.message}`));
      fill(pager);
      return;
    }
    fill(results, answer.items.length ? exchangeTable(answer.items) : h('p', { class: 'muted' }, 'No exchange matches.'));
    const newer = h('button', { type: 'button', class: 'small', disabled: cursors.length === 0 }, '← Newer');
    newer.addEventListener('click', () => { cursors.pop(); load(cursors.length ? cursors[cursors.length - 1] : null); });
    const older = h('button', { type: 'button', class: 'small', id: 'journal-older', disabled: !answer.next }, 'Older →');
    older.addEventListener('click', () => { cursors.push(answer.next); load(answer.next); });
    fill(pager, newer, h('span', { class: 'muted' }, ` page ${cursors.length + 1} · ${answer.items.length} shown `), older);
  }
  load(null);
}

/** A table of exchange summaries, each row linking to the exchange's page. */
export function exchangeTable(items, { connector = true } = {}) {
  const head = ['time', connector ? 'connector' : null, 'caller', 'method', 'target', 'status', 'attempts', 'duration', 'trace']
    .filter(Boolean);
  return h('table', { class: 'grid exchanges' },
    h('thead', {}, h('tr', {}, head.map((t) => h('th', {}, t)))),
    h('tbody', {}, items.map((x) => h('tr', { 'data-exchange': x.id, 'data-trace': x.traceId || '', class: rowClass(x) },
      h('td', {}, h('a', { href: `#/exchange/${encodeURIComponent(x.id)}` }, time(x.time))),
      connector ? h('td', {}, h('a', { href: `#/connector/${encodeURIComponent(x.connector)}` }, x.connector)) : null,
      h('td', {}, x.caller || '—'),
      h('td', {}, x.method || ''),
      h('td', { class: 'target' }, h('code', {}, x.target || '')),
      h('td', { class: 'status' }, statusText(x)),
      h('td', {}, String(x.attempts ?? '')),
      h('td', {}, ms(x.durationMs)),
      h('td', { class: 'trace' }, h('code', {}, x.traceId ? x.traceId.slice(0, 12) : ''))))));
}

export function statusText(x) {
  if (x.error) return `${x.status ?? ''} ${x.error}`.trim();
  return x.status === null || x.status === undefined ? '—' : String(x.status);
}

function rowClass(x) {
  if (x.error || (x.status && x.status >= 500)) return 'bad';
  if (x.status && x.status >= 400) return 'warn';
  return '';
}
