// The page's URL, in the hash: #/<view>[/<arg>][?<params>]. `#/` (or nothing) is the map alone, `#/ledger` a panel
// view on the map, `#/profile/LI-R-SAMINA` a view with an argument, `#/dashboard` a full page. Sticky parameters ride
// along from route to route: `at=<zoom>/<lat>/<lon>`, the map's position. The former `#<zoom>/<lat>/<lon>` still
// opens the map there.

const STICKY = ['at'];
const LEGACY_POSITION = /^#(\d+(?:\.\d+)?\/-?\d+(?:\.\d+)?\/-?\d+(?:\.\d+)?)$/;

const decode = s => {
  try { return decodeURIComponent(s); } catch { return s; }
};
// Commas and slashes stay readable (a point "lon,lat", a position "zoom/lat/lon", an argument with parts).
const encode = s => encodeURIComponent(s).replace(/%2C/gi, ',').replace(/%2F/gi, '/');

/** { view, arg, params } of a location hash; view '' is the map alone, arg null when there is none. */
export function parseRoute(hash) {
  const legacy = LEGACY_POSITION.exec(hash);
  if (legacy) return { view: '', arg: null, params: new URLSearchParams({ at: legacy[1] }) };
  const text = hash.replace(/^#\/?/, '');
  const q = text.indexOf('?');
  const [view, ...rest] = (q < 0 ? text : text.slice(0, q)).split('/');
  return {
    view: decode(view),
    arg: rest.length && rest.join('/') !== '' ? decode(rest.join('/')) : null,
    params: new URLSearchParams(q < 0 ? '' : text.slice(q + 1)),
  };
}

export function formatRoute({ view, arg, params }) {
  const path = view ? `/${encode(view)}${arg === null || arg === undefined || arg === '' ? '' : `/${encode(String(arg))}`}` : '/';
  const query = [...(params || [])].map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  return `#${path}${query ? `?${query}` : ''}`;
}

/** What tells two routes apart (their parameters aside). */
export const routeKey = route => `${route.view}/${route.arg ?? ''}`;

export class Router {
  constructor() {
    this.listeners = [];
    // Back/forward fire popstate (and hashchange when the hash differs); a link or a typed URL fires both.
    const changed = () => this.listeners.forEach(fn => fn(this.route));
    window.addEventListener('popstate', changed);
    window.addEventListener('hashchange', changed);
  }

  get route() { return parseRoute(location.hash); }

  /** A new history entry for a route; the sticky parameters of the current one are kept. */
  push(route) { history.pushState(null, '', this.url(route)); }

  /** The current history entry becomes the route. */
  replace(route) { history.replaceState(null, '', this.url(route)); }

  /** Sets one parameter of the current entry, without a new history entry. */
  setParam(key, value) {
    const route = this.route;
    route.params.set(key, value);
    history.replaceState(null, '', `${location.pathname}${location.search}${formatRoute(route)}`);
  }

  url(route) {
    const current = this.route.params;
    const params = new URLSearchParams(route.params || '');
    for (const key of STICKY) if (current.has(key) && !params.has(key)) params.set(key, current.get(key));
    return `${location.pathname}${location.search}${formatRoute({ ...route, params })}`;
  }

  /** Called with the route when the URL changed through the history or a link (not through push/replace). */
  onChange(fn) { this.listeners.push(fn); }
}
