// Small DOM helpers: elements are built with textContent only, never from HTML strings, so no API value can inject markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an element: h('a', {href: '#/'}, 'text', child). Attributes set to null or false are left out. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Creates an SVG element with attributes and children. */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.setAttribute('class', value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the children of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Sets an element's text only when it changed (cheap live updates). */
export function text(el, value) {
  const next = value === null || value === undefined ? '' : String(value);
  if (el.textContent !== next) el.textContent = next;
}

/** Sets an attribute only when it changed. */
export function attr(el, name, value) {
  const next = String(value);
  if (el.getAttribute(name) !== next) el.setAttribute(name, next);
}

export const LAMP_ORDER = { red: 0, yellow: 1, grey: 2, green: 3 };

/** A lamp dot with its colour as text for screen readers. */
export function lamp(colour, big = false) {
  return h('span', { class: `lamp lamp-${colour}${big ? ' big' : ''}`, role: 'img', 'aria-label': colour, title: colour });
}

/** Formats an ISO instant as local date and time. */
export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString();
}

/** Formats an ISO instant as a local time of day. */
export function clock(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleTimeString();
}

/** Formats a count per second. */
export function rate(perSecond) {
  if (perSecond === null || perSecond === undefined) return '—';
  if (perSecond === 0) return '0/s';
  return perSecond >= 10 ? `${Math.round(perSecond)}/s` : `${perSecond.toFixed(1)}/s`;
}

/** Formats a ratio 0..1 as a percentage. */
export function percent(ratio) {
  if (ratio === null || ratio === undefined) return '—';
  const p = ratio * 100;
  return p === 0 ? '0%' : p < 10 ? `${p.toFixed(1)}%` : `${Math.round(p)}%`;
}

/** Formats milliseconds. */
export function ms(value) {
  if (value === null || value === undefined) return '—';
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

/** A two-column table of an object's keys and values. */
export function keyValues(object, skip = []) {
  const rows = Object.entries(object || {})
    .filter(([key]) => !skip.includes(key))
    .map(([key, value]) => h('tr', {}, h('th', {}, key), h('td', {}, show(value))));
  return rows.length ? h('table', { class: 'kv' }, h('tbody', {}, rows)) : h('p', { class: 'muted' }, 'nothing to show');
}

function show(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
