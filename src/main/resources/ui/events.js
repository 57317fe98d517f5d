// Events: a timeline of lamp changes, switches, reloads and threshold crossings, filterable by connector.
import { fill, h, time } from './dom.js';

const REFRESH_MS = 5000;

export function render(container, { params }, page) {
  const connector = h('input', { id: 'events-connector', placeholder: 'all connectors', value: params.get('connector') || '' });
  const form = h('form', { class: 'search' }, h('label', {}, 'Connector', connector), h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = connector.value.trim();
    window.location.hash = value ? `#/events?connector=${encodeURIComponent(value)}` : '#/events';
  });
  const list = h('ol', { class: 'timeline', id: 'events-list' });
  const more = h('button', { type: 'button', class: 'small', hidden: true }, 'Older →');
  container.append(h('section', { class: 'panel wide' }, h('h1', {}, 'Events'), form, list, more));

  const filter = params.get('connector') || '';
  let older = null;
  let paged = false;

  const path = (before) => {
    const search = new URLSearchParams({ limit: '100' });
    if (filter) search.set('connector', filter);
    if (before) search.set('before', before);
    return `/api/v1/events?${search}`;
  };

  more.addEventListener('click', async () => {
    paged = true;
    const answer = await page.api(path(older));
    list.append(...answer.events.map(item));
    older = answer.next;
    more.hidden = !older;
  });

  page.every(REFRESH_MS, async () => {
    if (paged) return;
    const answer = await page.api(path(null));
    fill(list, answer.events.length ? answer.events.map(item) : h('li', { class: 'muted' }, 'No events yet.'));
    older = answer.next;
    more.hidden = !older;
  });
}

function item(e) {
  return h('li', { class: `event severity-${e.severity}`, 'data-kind': e.kind },
    h('time', { datetime: e.time }, time(e.time)),
    h('span', { class: 'kind' }, e.kind),
    e.connector ? h('a', { href: `#/connector/${encodeURIComponent(e.connector)}` }, e.connector) : h('span', { class: 'muted' }, 'gateway'),
    h('span', { class: 'message' }, e.message),
    e.actor ? h('span', { class: 'muted' }, ` by ${e.actor}`) : null);
}
