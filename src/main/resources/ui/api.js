// The admin API client: bearer token from session storage, problem+json errors as exceptions with the server's text.

const TOKEN_KEY = 'switchboard.token';

export class ApiError extends Error {
  constructor(status, kind, message) {
    super(message);
    this.status = status;
    this.kind = kind;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** Listeners told when a request cannot reach the gateway (feed lost) or can again. */
const feedListeners = new Set();
export function onFeed(listener) {
  feedListeners.add(listener);
}
function feed(ok, why) {
  for (const listener of feedListeners) listener(ok, why);
}

/** Signs out on any 401 (token removed or changed on the server). */
let unauthorized = () => {};
export function onUnauthorized(handler) {
  unauthorized = handler;
}

/** Sends a request to the admin API; resolves with the parsed JSON, rejects with an ApiError. */
export async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = { Accept: 'application/json' };
  const secret = token();
  if (secret) headers.Authorization = `Bearer ${secret}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    feed(false, 'the gateway cannot be reached');
    throw new ApiError(0, 'network', 'the gateway cannot be reached');
  }
  if (response.status >= 500 && response.status !== 503) {
    feed(false, `the gateway answered ${response.status}`);
  } else {
    feed(true);
  }
  const type = response.headers.get('Content-Type') || '';
  const payload = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const kind = payload && payload.type ? String(payload.type).split('/').pop() : null;
    const message = (payload && (payload.detail || payload.title)) || `HTTP ${response.status}`;
    if (response.status === 401) unauthorized(message);
    throw new ApiError(response.status, kind, message);
  }
  return payload;
}

/** Builds a query string from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && String(value).trim() !== '') search.set(key, String(value).trim());
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
