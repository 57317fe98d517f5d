// The wall: one tile per connector, grouped by capability, red first, refreshed every 2 s without reloading the page.
import { ApiError } from './api.js';
import { attr, h, LAMP_ORDER, percent, rate, text } from './dom.js';

const REFRESH_MS = 2000;
const CAPABILITY_RETRY_MS = 30000;
const NO_CAPABILITY = '';

export function render(container, { params }, page) {
  const filter = h('input', {
    id: 'wall-filter', type: 'search', placeholder: 'Filter: name, capability, reason, colour…',
    'aria-label': 'Filter connectors', value: params.get('filter') || '',
  });
  const counts = h('div', { class: 'counts', id: 'wall-counts' });
  const updated = h('span', { class: 'muted updated', id: 'wall-updated' });
  const groups = h('div', { class: 'groups', id: 'wall-groups' });
  const empty = h('p', { class: 'muted', hidden: true }, 'No connector matches the filter.');
  container.append(h('section', { class: 'wall' }, h('div', { class: 'wall-head' }, counts, filter, updated), empty, groups));

  const countEls = {};
  for (const colour of ['red', 'yellow', 'grey', 'green']) {
    const count = h('span', { class: 'n' }, '0');
    countEls[colour] = count;
    counts.append(h('button', {
      type: 'button', class: `count lamp-${colour}`, 'data-lamp': colour, title: `show only ${colour} connectors`,
      onclick: () => { filter.value = filter.value === colour ? '' : colour; applyFilter(); },
    }, count, h('span', { class: 'label' }, colour)));
  }

  const tiles = new Map();
  const groupEls = new Map();
  let capabilities = new Map();
  let capabilitiesNextTry = 0;
  let lastData = null;

  function tileFor(id) {
    let tile = tiles.get(id);
    if (tile) return tile;
    const el = h('a', { class: 'tile', href: `#/connector/${encodeURIComponent(id)}`, 'data-connector': id });
    const parts = {
      lamp: h('span', { class: 'lamp' }),
      name: h('span', { class: 'name' }, id),
      capability: h('span', { class: 'capability' }),
      reason: h('span', { class: 'reason' }),
      rate: h('span', { class: 'rate', title: 'requests per second over the last minute' }),
      errors: h('span', { class: 'errors', title: 'errors per call over the last minute' }),
    };
    el.append(h('span', { class: 'tile-top' }, parts.lamp, parts.name), parts.capability, parts.reason,
      h('span', { class: 'figures' }, parts.rate, parts.errors));
    tile = { el, parts, search: '' };
    tiles.set(id, tile);
    return tile;
  }

  function groupFor(capability) {
    let group = groupEls.get(capability);
    if (group) return group;
    const lampEl = h('span', { class: 'lamp' });
    const detail = h('span', { class: 'capability-detail muted' });
    const title = capability === NO_CAPABILITY ? 'Connectors without a capability' : `~${capability}`;
    const el = h('section', { class: 'group', 'data-capability': capability },
      h('h2', {}, lampEl, h('span', { class: 'group-name' }, title), detail),
      h('div', { class: 'tiles' }));
    group = { el, lampEl, detail, tilesEl: el.lastChild, worst: 3 };
    groupEls.set(capability, group);
    return group;
  }

  function update(data) {
    lastData = data;
    for (const colour of Object.keys(countEls)) text(countEls[colour], (data.lamps && data.lamps[colour]) || 0);
    const seen = new Set();
    const byGroup = new Map();
    for (const c of data.connectors) {
      seen.add(c.id);
      const tile = tileFor(c.id);
      attr(tile.el, 'data-lamp', c.lamp);
      attr(tile.el, 'class', `tile lamp-${c.lamp}`);
      attr(tile.parts.lamp, 'class', `lamp lamp-${c.lamp}`);
      attr(tile.parts.lamp, 'title', c.lamp);
      text(tile.parts.capability, c.capability ? `~${c.capability}` : '');
      text(tile.parts.reason, c.reason || (c.lamp === 'green' ? 'all good' : ''));
      text(tile.parts.rate, rate(c.rate));
      text(tile.parts.errors, `${percent(c.errorRate)} err`);
      attr(tile.parts.errors, 'class', `errors${c.errorRate >= 0.05 ? ' bad' : c.errorRate > 0 ? ' some' : ''}`);
      tile.search = `${c.id} ${c.capability || ''} ${c.reason || ''} ${c.lamp}`.toLowerCase();
      tile.order = LAMP_ORDER[c.lamp] ?? 4;
      const key = c.capability || NO_CAPABILITY;
      if (!byGroup.has(key)) byGroup.set(key, []);
      byGroup.get(key).push({ id: c.id, tile });
    }
    for (const [id, tile] of tiles) {
      if (!seen.has(id)) {
        tile.el.remove();
        tiles.delete(id);
      }
    }
    for (const [key, group] of groupEls) {
      if (!byGroup.has(key)) {
        group.el.remove();
        groupEls.delete(key);
      }
    }
    const ordered = [];
    for (const [key, members] of byGroup) {
      members.sort((a, b) => a.tile.order - b.tile.order || a.id.localeCompare(b.id));
      const group = groupFor(key);
      const capability = capabilities.get(key);
      const capabilityOrder = capability ? LAMP_ORDER[capability.lamp] ?? 4 : 4;
      group.worst = Math.min(capabilityOrder, members[0].tile.order);
      if (capability) {
        attr(group.lampEl, 'class', `lamp lamp-${capability.lamp}`);
        attr(group.lampEl, 'title', `capability ${key}: ${capability.lamp}`);
        text(group.detail, capability.chosen ? `→ ${capability.chosen} · ${capability.reason || ''}` : `no usable provider · ${capability.reason || ''}`);
      } else {
        attr(group.lampEl, 'class', 'lamp lamp-none');
        text(group.detail, '');
      }
      reorder(group.tilesEl, members.map((m) => m.tile.el));
      ordered.push({ key, group });
    }
    ordered.sort((a, b) => a.group.worst - b.group.worst
      || (a.key === NO_CAPABILITY) - (b.key === NO_CAPABILITY) || a.key.localeCompare(b.key));
    reorder(groups, ordered.map((o) => o.group.el));
    applyFilter();
    text(updated, `updated ${new Date().toLocaleTimeString()}`);
  }

  function applyFilter() {
    const words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const tile of tiles.values()) {
      const match = words.every((w) => tile.search.includes(w));
      if (tile.el.hidden === match) tile.el.hidden = !match;
      if (match) shown += 1;
    }
    for (const group of groupEls.values()) {
      const any = [...group.tilesEl.children].some((el) => !el.hidden);
      if (group.el.hidden === any) group.el.hidden = !any;
    }
    empty.hidden = shown > 0 || tiles.size === 0;
  }

  filter.addEventListener('input', applyFilter);

  page.every(REFRESH_MS, async () => {
    if (Date.now() >= capabilitiesNextTry) {
      try {
        const answer = await page.api('/api/v1/capabilities');
        capabilities = new Map(answer.items.map((c) => [c.id, c]));
      } catch (e) {
        // Before the capabilities API exists (404) the groups simply have no lamp; ask again later.
        if (e instanceof ApiError && e.status === 404) capabilitiesNextTry = Date.now() + CAPABILITY_RETRY_MS;
        else if (e.name === 'AbortError') throw e;
      }
    }
    const asked = performance.now();
    const data = await page.api('/api/v1/connectors');
    const started = performance.now();
    update(data);
    // Exposed for the scale measurement (DashboardScaleIT): request with JSON parsing and DOM update times, in ms.
    const stats = window.switchboardWall || (window.switchboardWall = { updates: 0, fetchMs: 0, updateMs: 0, maxUpdateMs: 0 });
    const spent = performance.now() - started;
    if (stats.updates === 0) {
      stats.firstRenderAt = performance.now();
      stats.firstUpdateMs = spent;
    } else {
      stats.maxUpdateMs = Math.max(stats.maxUpdateMs, spent);
    }
    stats.updates += 1;
    stats.fetchMs += started - asked;
    stats.updateMs += spent;
    stats.lastUpdateMs = spent;
  });
  return lastData;
}

/** Puts `wanted` as the children of parent in that order, moving only what is out of place. */
function reorder(parent, wanted) {
  let index = 0;
  for (const el of wanted) {
    const at = parent.children[index];
    if (at !== el) parent.insertBefore(el, at || null);
    index += 1;
  }
  while (parent.children.length > wanted.length) parent.lastChild.remove();
}
