// A connector's page: lamp and reasons, the red button, schedule, breaker and limits, charts, resources, checks, exchanges.
import { confirmAction, guard, flash } from './app.js';
import { ApiError } from './api.js';
import { fill, h, keyValues, lamp, ms, percent, rate, time } from './dom.js';
import { gauge, timeChart } from './charts.js';
import { exchangeTable } from './journal.js';

const LIVE_MS = 2000;
const SLOW_MS = 30000;
const EXCHANGES_MS = 5000;

export function render(container, { match }, page) {
  const id = decodeURIComponent(match[1]);
  const path = `/api/v1/connectors/${encodeURIComponent(id)}`;
  const head = h('section', { class: 'panel connector-head', id: 'connector-head' });
  const switchPanel = h('section', { class: 'panel switch-panel', id: 'switch-panel' });
  const schedule = h('section', { class: 'panel', id: 'schedule-panel' });
  const limits = h('section', { class: 'panel', id: 'limits-panel' });
  const charts = h('section', { class: 'panel wide', id: 'charts-panel' }, h('h2', {}, 'Last hour'), h('p', { class: 'muted' }, 'loading…'));
  const traffic = h('section', { class: 'panel', id: 'traffic-panel' });
  const resources = h('section', { class: 'panel', id: 'resources-panel' });
  const checks = h('section', { class: 'panel', id: 'checks-panel' });
  const exchanges = h('section', { class: 'panel wide', id: 'exchanges-panel' }, h('h2', {}, 'Recent exchanges'));
  container.append(
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, '← Wall')),
    h('div', { class: 'connector-page', 'data-connector': id }, head, switchPanel, schedule, limits, traffic, charts,
      resources, checks, exchanges));

  let detail = null;
  const histories = new Map();
  const refreshSwitch = async () => {
    detail = await page.api(path);
    renderHead(head, detail);
    renderSwitch(switchPanel, detail, page, path, refreshSwitch);
  };

  page.every(LIVE_MS, async () => {
    try {
      detail = await page.api(path);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        fill(head, h('h1', {}, id), h('p', { class: 'error' }, e.message));
        return;
      }
      throw e;
    }
    renderHead(head, detail);
    renderSwitch(switchPanel, detail, page, path, refreshSwitch);
    renderSchedule(schedule, detail);
    renderLimits(limits, detail);
    renderTraffic(traffic, detail);
    renderChecks(checks, detail);
    renderResources(resources, detail, histories);
  });

  page.every(SLOW_MS, async () => {
    await renderCharts(charts, id, page);
    const current = detail || await page.api(path);
    for (const resource of current.resources || []) {
      try {
        const answer = await page.api(`${path}/resources/${encodeURIComponent(resource.name)}/history?limit=100`);
        histories.set(resource.name, answer.readings);
      } catch (e) {
        if (e.name === 'AbortError') throw e;
        histories.set(resource.name, null);
      }
    }
    renderResources(resources, detail || current, histories);
  });

  page.every(EXCHANGES_MS, async () => {
    try {
      const answer = await page.api(`/api/v1/exchanges?connector=${encodeURIComponent(id)}&limit=15`);
      fill(exchanges, h('h2', {}, 'Recent exchanges ', h('a', { class: 'small-link', href: `#/journal?connector=${encodeURIComponent(id)}` }, 'search the journal →')),
        exchangeTable(answer.items, { connector: false }));
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      fill(exchanges, h('h2', {}, 'Recent exchanges'), h('p', { class: 'muted' }, `The journal cannot be read: ${e.message}`));
    }
  });
}

function renderHead(panel, c) {
  fill(panel,
    h('h1', {}, lamp(c.lamp, true), h('span', { class: 'connector-name' }, c.id),
      c.capability ? h('span', { class: 'capability muted' }, ` ~${c.capability}`) : null),
    h('ul', { class: 'reasons', id: 'reasons' },
      (c.reasons || []).length
        ? c.reasons.map((r) => h('li', { 'data-lamp': r.lamp }, lamp(r.lamp), h('span', { class: 'source' }, r.source), ' ', r.text))
        : h('li', {}, lamp('green'), 'no signal says anything is wrong')),
    h('p', { class: 'muted' }, `${c.stages.join(' → ')} · ${c.endpoints} endpoint(s), ${c.ejectedEndpoints} ejected · ${c.inFlight} in flight`));
}

function renderSwitch(panel, c, page, path, refresh) {
  const state = (c.policies && c.policies.switch) || { on: true };
  const button = h('button', {
    type: 'button', id: 'switch-button', class: state.on ? 'big-red' : 'big-green', 'data-on': String(state.on),
  }, state.on ? 'Switch off' : 'Switch back on');
  guard(button, 'operator', state.on ? 'Switching a connector off' : 'Switching a connector on');
  button.addEventListener('click', () => confirmAction(state.on
    ? {
      title: `Switch off ${c.id}?`,
      text: `Every call to ${c.id} is answered 503 switched-off at once, on every node, until someone switches it back on.`,
      okLabel: `Switch off ${c.id}`,
      reason: 'required',
      act: async (reason) => {
        await page.api(`${path}/switch`, { method: 'POST', body: { on: false, reason } });
        flash(`${c.id} switched off.`);
        await refresh();
      },
    }
    : {
      title: `Switch ${c.id} back on?`,
      text: `Calls go to ${c.id}'s provider again at once.`,
      okLabel: `Switch ${c.id} on`,
      reason: 'optional',
      act: async (reason) => {
        await page.api(`${path}/switch`, { method: 'POST', body: { on: true, reason } });
        flash(`${c.id} switched on.`);
        await refresh();
      },
    }));
  const who = state.changedBy
    ? h('p', { id: 'switch-state', class: state.on ? 'switch-on' : 'switch-off' },
      state.on ? 'On' : 'OFF', ` — switched ${state.on ? 'on' : 'off'} by `, h('strong', {}, state.changedBy),
      ` at ${time(state.changedAt)}`, state.reason ? h('span', {}, ': “', h('span', { class: 'switch-reason' }, state.reason), '”') : '')
    : h('p', { id: 'switch-state', class: 'switch-on' }, 'On — never switched since it was configured.');
  fill(panel, h('h2', {}, 'Switch'), who, button);
}

function renderSchedule(panel, c) {
  const live = c.policies && c.policies.schedule;
  const config = c.schedule;
  if (!live && !config) {
    fill(panel, h('h2', {}, 'Schedule'), h('p', { class: 'muted' }, 'No schedule: open around the clock.'));
    return;
  }
  fill(panel, h('h2', {}, 'Schedule'),
    live ? h('p', { class: live.open ? 'open-now' : 'closed-now' },
      live.open ? 'Open now' : 'Closed now', live.nextChangeLocal ? ` · ${live.open ? 'closes' : 'opens'} ${live.nextChangeLocal.replace('T', ' ')}` : '',
      live.reason ? h('span', { class: 'muted' }, ` (${live.reason})`) : '') : null,
    config ? h('table', { class: 'kv' }, h('tbody', {},
      h('tr', {}, h('th', {}, 'zone'), h('td', {}, config.zone)),
      h('tr', {}, h('th', {}, 'open'), h('td', {}, config.open.length ? config.open.join(', ') : 'no weekly window')),
      config.closedOn.length ? h('tr', {}, h('th', {}, 'closed on'), h('td', {}, config.closedOn.join(', '))) : null,
      config.openOn.length ? h('tr', {}, h('th', {}, 'also open'), h('td', {}, config.openOn.join(', '))) : null)) : null);
}

function renderLimits(panel, c) {
  const policies = c.policies || {};
  const parts = [h('h2', {}, 'Circuit breaker and limits')];
  for (const name of ['circuit-breaker', 'rate-limit', 'concurrency', 'retry']) {
    if (!policies[name]) continue;
    parts.push(h('h3', {}, name), keyValues(policies[name]));
  }
  if (parts.length === 1) parts.push(h('p', { class: 'muted' }, 'No breaker, limit or retry configured.'));
  parts.push(h('h3', {}, 'upstream'), keyValues(c.upstream, ['endpoints']),
    h('ul', { class: 'endpoints' }, (c.upstream.endpoints || []).map((e) =>
      h('li', { class: e.ejected ? 'ejected' : '' }, e.url, ` · ${e.inFlight} in flight · ${e.consecutiveFailures} failures in a row${e.ejected ? ' · EJECTED' : ''}`))));
  fill(panel, ...parts);
}

function renderTraffic(panel, c) {
  const rows = Object.entries(c.traffic || {}).map(([window, t]) => h('tr', {},
    h('th', {}, window), h('td', {}, rate(t.rate)), h('td', {}, String(t.calls)), h('td', {}, percent(t.errorRate)),
    h('td', {}, String(t.refused)), h('td', {}, ms(t.p50Ms)), h('td', {}, ms(t.p95Ms))));
  fill(panel, h('h2', {}, 'Traffic'), h('table', { class: 'grid' },
    h('thead', {}, h('tr', {}, ['window', 'rate', 'calls', 'errors', 'refused', 'p50', 'p95'].map((t) => h('th', {}, t)))),
    h('tbody', {}, rows)));
}

function renderChecks(panel, c) {
  const list = c.checks || [];
  fill(panel, h('h2', {}, 'Checks'), list.length
    ? h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['', 'check', 'request', 'result', 'latency', 'when'].map((t) => h('th', {}, t)))),
      h('tbody', {}, list.map((k) => h('tr', {},
        h('td', {}, lamp(k.ok === null ? 'grey' : k.ok ? 'green' : 'red')), h('td', {}, k.name), h('td', {}, h('code', {}, k.request)),
        h('td', {}, k.message + (k.failingSince ? ` (failing since ${time(k.failingSince)})` : '')),
        h('td', {}, ms(k.latencyMs)), h('td', {}, time(k.time))))))
    : h('p', { class: 'muted' }, 'No checks configured.'));
}

function renderResources(panel, c, histories) {
  const list = c.resources || [];
  if (!list.length) {
    fill(panel, h('h2', {}, 'Resources'), h('p', { class: 'muted' }, 'No resource probes configured.'));
    return;
  }
  fill(panel, h('h2', {}, 'Resources'), list.map((r) => {
    const history = histories.get(r.name);
    return h('div', { class: 'resource' },
      h('h3', {}, r.name, ' ', h('span', { class: `level level-${r.level || 'unknown'}` }, r.value === null ? 'no reading' : String(r.value)),
        h('span', { class: 'muted' }, ` · ${r.message} · ${time(r.time)}`)),
      gauge(r.value, r.thresholds, r.level),
      history && history.length
        ? timeChart([{ name: r.name, cls: 'value', points: history.map((p) => [Date.parse(p.time), p.value]).reverse() }],
          { format: (v) => v.toFixed(0), label: `${r.name} history` })
        : null);
  }));
}

async function renderCharts(panel, id, page) {
  let stats;
  try {
    stats = await page.api(`/api/v1/exchanges/stats?connector=${encodeURIComponent(id)}&window=1h&step=1m`);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    fill(panel, h('h2', {}, 'Last hour'), h('p', { class: 'muted' }, `No charts: ${e.message}`));
    return;
  }
  const buckets = stats.buckets || [];
  const t = (b) => Date.parse(b.start);
  fill(panel, h('h2', {}, 'Last hour'), h('div', { class: 'charts' },
    h('figure', {}, h('figcaption', {}, 'Latency'), timeChart([
      { name: 'p50', cls: 'p50', points: buckets.map((b) => [t(b), b.p50Ms]) },
      { name: 'p95', cls: 'p95', points: buckets.map((b) => [t(b), b.p95Ms]) },
    ], { format: (v) => ms(v), label: 'latency p50 and p95 per minute' })),
    h('figure', {}, h('figcaption', {}, 'Error rate'), timeChart([
      { name: 'errors', cls: 'errors', points: buckets.map((b) => [t(b), b.calls ? b.errors / b.calls : null]) },
    ], { format: (v) => percent(v), max: null, label: 'error rate per minute' }))));
}
