// HTTP helpers: same-origin fetches, RFC 9457 problem+json errors, OGC API Features paging. Writes carry the session's
// antiforgery token (the server requires it of writes made with the session cookie).
import { session } from './session.js';

/** An HTTP failure carrying the problem document (if the server sent one). */
export class ApiError extends Error {
  constructor(status, problem, url) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.url = url;
  }
}

/**
 * A link from the server (e.g. a `next` link, absolute with the host the server saw) as a same-origin path, so no
 * request ever leaves the page's host even behind a proxy that rewrites it.
 */
export function sameOrigin(href) {
  const url = new URL(href, location.href);
  return url.pathname + url.search;
}

/** Builds `path?query` from an object, skipping null/undefined/'' values. */
export function withQuery(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

const abortedUrls = [];
/** URLs of requests this page cancelled on purpose (stale map loads): not failures. Exposed for tests. */
export function aborted() { return abortedUrls; }

/** Fetches JSON; throws ApiError with the problem document on non-2xx. */
export async function fetchJson(url, { signal, method = 'GET', body, headers } = {}) {
  let response;
  const onAbort = () => abortedUrls.push(new URL(url, location.href).href);
  signal?.addEventListener('abort', onAbort, { once: true });
  const antiforgery = method !== 'GET' && session.antiforgery ? { [session.antiforgery.header]: session.antiforgery.token } : {};
  try {
    response = await fetch(url, {
      method,
      body,
      signal,
      credentials: 'same-origin',
      headers: { Accept: 'application/geo+json, application/json, application/problem+json', ...antiforgery, ...(headers || {}) },
    });
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  const type = response.headers.get('content-type') || '';
  const text = await response.text();
  let data = null;
  if (text && /json/.test(type)) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!response.ok) {
    const problem = data && typeof data === 'object' ? data : { title: `HTTP ${response.status}`, detail: text.slice(0, 300) };
    throw new ApiError(response.status, problem, url);
  }
  return { data, response };
}

/**
 * All features of an OGC API Features items request, following `next` links (keyset paging).
 * @returns {Promise<{features: object[], numberMatched: number|null, pages: number}>}
 */
export async function fetchAllFeatures(url, signal, maxPages = 50) {
  const features = [];
  let next = url;
  let numberMatched = null;
  let pages = 0;
  while (next && pages < maxPages) {
    const { data } = await fetchJson(next, { signal });
    pages++;
    if (numberMatched === null && typeof data.numberMatched === 'number') numberMatched = data.numberMatched;
    features.push(...(data.features || []));
    const link = (data.links || []).find(l => l.rel === 'next');
    next = link ? sameOrigin(link.href) : null;
  }
  return { features, numberMatched, pages };
}

export const isAbort = e => e?.name === 'AbortError';

/** A problem document as readable HTML: title/detail plus every `where: message`. */
export function problemHtml(error) {
  const p = error instanceof ApiError ? error.problem : null;
  if (!p) return `<div class="problem"><strong>请求失败</strong> <span class="en">${esc(error?.message || String(error))}</span></div>`;
  const items = Array.isArray(p.errors)
    ? `<ul class="problem-errors">${p.errors.map(e => `<li><code>${esc(e.where)}</code>: ${esc(e.message)}</li>`).join('')}</ul>`
    : '';
  const zh = p.message_zh ? `<div>${esc(p.message_zh)}</div>` : '';
  return `<div class="problem" data-testid="problem"><strong>${esc(p.title || '错误')}</strong>`
    + ` <span class="status-code">${esc(p.status ?? error.status ?? '')}</span>`
    + (p.detail ? `<div class="problem-detail">${esc(p.detail)}</div>` : '') + zh + items + '</div>';
}

/** Escapes text for HTML. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** A fresh idempotency key (crypto.randomUUID where available). */
export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
}
