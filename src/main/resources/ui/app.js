// The dashboard shell: sign-in, the session's role, the hash router, live-feed banner and the confirm dialog.
import { api, ApiError, onFeed, onUnauthorized, setToken, token } from './api.js';
import { fill, h } from './dom.js';
import * as wall from './wall.js';
import * as connector from './connector.js';
import * as journal from './journal.js';
import * as exchange from './exchange.js';
import * as events from './events.js';
import * as map from './map.js';

const ROLES = ['viewer', 'operator', 'admin'];
const $ = (id) => document.getElementById(id);

/** Who is signed in: {name, role}; null before sign-in. */
export const session = { name: null, role: null };

/** Returns whether the session's role includes `required`. */
export function can(required) {
  return session.role !== null && ROLES.indexOf(session.role) >= ROLES.indexOf(required);
}

/** Returns why an action needing `required` is disabled, or null when the role allows it. */
export function lacking(required, action) {
  return can(required) ? null : `${action} needs the ${required} role; token '${session.name}' has role ${session.role}`;
}

/** Applies a role requirement to a button: disabled with the reason on hover when the role lacks it. */
export function guard(button, required, action) {
  const why = lacking(required, action);
  button.disabled = why !== null;
  if (why) {
    button.title = why;
    button.classList.add('lacks-role');
  }
  return button;
}

// --- sign-in ------------------------------------------------------------------------------------------------------

function takeTokenFromFragment() {
  const hash = window.location.hash;
  if (!hash.startsWith('#token=')) return;
  // #token=SECRET, optionally followed by &page=/connector/courier to open that page.
  const fragment = new URLSearchParams(hash.slice(1));
  const secret = fragment.get('token') || '';
  const next = (fragment.get('page') || '/').startsWith('/') ? fragment.get('page') || '/' : '/';
  // Remove the token from the address bar (and this history entry) before anything else happens.
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}#${next}`);
  if (secret) setToken(secret);
}

async function signIn() {
  if (!token()) {
    showSignIn('');
    return false;
  }
  try {
    const who = await api('/api/v1/session');
    session.name = who.name;
    session.role = who.role;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setToken(null);
      showSignIn('That token is not accepted.');
    } else {
      showSignIn(`Cannot sign in: ${e.message}`);
    }
    return false;
  }
  $('sign-in').hidden = true;
  $('who').textContent = `${session.name} · ${session.role}`;
  $('who').title = `signed in with token '${session.name}' (role ${session.role})`;
  $('sign-out').hidden = false;
  const reload = $('reload-config');
  reload.hidden = false;
  guard(reload, 'admin', 'Reloading the config');
  return true;
}

function showSignIn(message) {
  stopPage();
  session.name = null;
  session.role = null;
  fill($('page'));
  $('sign-in').hidden = false;
  $('sign-out').hidden = true;
  $('reload-config').hidden = true;
  $('who').textContent = '';
  $('sign-in-error').textContent = message;
  $('token').focus();
}

// --- live feed banner ---------------------------------------------------------------------------------------------

let lostSince = null;
onFeed((ok, why) => {
  const banner = $('banner');
  if (ok) {
    if (lostSince !== null) {
      lostSince = null;
      banner.hidden = true;
      document.body.classList.remove('feed-lost');
    }
    return;
  }
  if (lostSince === null) lostSince = new Date();
  banner.textContent = `Live feed lost since ${lostSince.toLocaleTimeString()} (${why}); retrying every 2 s. What you see may be stale.`;
  banner.hidden = false;
  document.body.classList.add('feed-lost');
});

// --- pages --------------------------------------------------------------------------------------------------------

const ROUTES = [
  { pattern: /^\/?$/, page: wall, name: 'wall' },
  { pattern: /^\/connector\/(.+)$/, page: connector, name: 'wall' },
  { pattern: /^\/journal$/, page: journal, name: 'journal' },
  { pattern: /^\/exchange\/(.+)$/, page: exchange, name: 'journal' },
  { pattern: /^\/events$/, page: events, name: 'events' },
  { pattern: /^\/map$/, page: map, name: 'map' },
];

let current = null;

function stopPage() {
  if (current) current.stop();
  current = null;
}

/** The context a page gets: timers and requests that end when the page is left. */
class PageContext {
  constructor() {
    this.timers = new Set();
    this.stopped = false;
    this.controller = new AbortController();
  }

  /** Runs task now and then `ms` after each run finishes, until the page is left. */
  every(ms, task) {
    const run = async () => {
      if (this.stopped) return;
      try {
        await task();
      } catch (e) {
        // API failures show on the page (the banner, a message); anything else is a bug and goes to the console.
        if (e.name !== 'AbortError' && !(e instanceof ApiError)) console.error(e);
      }
      if (!this.stopped) {
        const timer = setTimeout(run, ms);
        this.timers.add(timer);
      }
    };
    run();
  }

  /** Calls the admin API; the request is cancelled when the page is left. */
  api(path, options = {}) {
    return api(path, { ...options, signal: this.controller.signal });
  }

  stop() {
    this.stopped = true;
    this.controller.abort();
    for (const timer of this.timers) clearTimeout(timer);
  }
}

function route() {
  if (!session.role) return;
  stopPage();
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path, search = ''] = hash.split('?');
  const params = new URLSearchParams(search);
  const page = $('page');
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    for (const link of document.querySelectorAll('#nav a')) {
      link.classList.toggle('active', link.dataset.page === candidate.name);
    }
    current = new PageContext();
    fill(page);
    candidate.page.render(page, { match, params }, current);
    return;
  }
  fill(page, h('section', { class: 'panel' }, h('h1', {}, 'Not found'), h('p', {}, 'No page at ', h('code', {}, hash), '. ', h('a', { href: '#/' }, 'Back to the wall'))));
}

// --- confirm dialog -----------------------------------------------------------------------------------------------

/**
 * Asks for confirmation (and a reason when `reason` is 'required' or 'optional'); resolves with the reason text, or null
 * when cancelled. `act(reason)` runs on confirm; an error it throws is shown in the dialog, which stays open.
 */
export function confirmAction({ title, text, okLabel, reason = 'none', act }) {
  const dialog = $('confirm');
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  $('confirm-ok').textContent = okLabel;
  $('confirm-error').textContent = '';
  const field = $('confirm-reason');
  field.value = '';
  field.required = reason === 'required';
  $('confirm-reason-label').hidden = reason === 'none';
  return new Promise((resolve) => {
    const form = $('confirm-form');
    const done = (value) => {
      form.removeEventListener('submit', submit);
      $('confirm-cancel').removeEventListener('click', cancel);
      dialog.removeEventListener('cancel', cancel);
      dialog.close();
      resolve(value);
    };
    const submit = async (event) => {
      event.preventDefault();
      const given = field.value.trim();
      if (reason === 'required' && !given) {
        $('confirm-error').textContent = 'Please give a reason: it is shown to everyone and kept in the events.';
        field.focus();
        return;
      }
      $('confirm-ok').disabled = true;
      try {
        await act(given);
        done(given);
      } catch (e) {
        $('confirm-error').textContent = e.message;
      } finally {
        $('confirm-ok').disabled = false;
      }
    };
    const cancel = (event) => {
      event.preventDefault();
      done(null);
    };
    form.addEventListener('submit', submit);
    $('confirm-cancel').addEventListener('click', cancel);
    dialog.addEventListener('cancel', cancel);
    dialog.showModal();
    (reason === 'none' ? $('confirm-ok') : field).focus();
  });
}

// --- start --------------------------------------------------------------------------------------------------------

function tvMode(on) {
  document.body.classList.toggle('tv', on);
  $('tv-toggle').classList.toggle('active', on);
}

async function start() {
  takeTokenFromFragment();
  tvMode(new URLSearchParams(window.location.search).has('tv'));
  $('tv-toggle').addEventListener('click', () => tvMode(!document.body.classList.contains('tv')));
  $('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    setToken($('token').value.trim());
    $('token').value = '';
    if (await signIn()) route();
  });
  $('sign-out').addEventListener('click', () => {
    setToken(null);
    showSignIn('Signed out.');
  });
  $('reload-config').addEventListener('click', () =>
    confirmAction({
      title: 'Reload the config?',
      text: 'The gateway reads its config files again; a file with problems leaves the running config in force.',
      okLabel: 'Reload',
      act: async () => {
        try {
          const result = await api('/api/v1/config/reload', { method: 'POST' });
          $('banner').hidden = true;
          flash(`Config generation ${result.generation} ${result.applied ? 'applied' : 'unchanged'}.`);
        } catch (e) {
          throw new Error(`Not reloaded: ${e.message}`);
        }
      },
    }));
  onUnauthorized(() => {
    setToken(null);
    showSignIn('The gateway no longer accepts this token; sign in again.');
  });
  window.addEventListener('hashchange', () => {
    if (window.location.hash.startsWith('#token=')) {
      takeTokenFromFragment();
      signIn().then((ok) => ok && route());
      return;
    }
    route();
  });
  if (await signIn()) route();
}

/** Shows a short message under the header. */
export function flash(message) {
  const note = h('div', { class: 'flash', role: 'status' }, message);
  document.body.append(note);
  setTimeout(() => note.remove(), 4000);
}

start();
