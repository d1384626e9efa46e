// Hooks for the browser tests (and the curious): the map, the layers, the shell and session, and explicit readiness
// signals. `parts` is filled while the page starts; `ready` resolves when it has.
import { aborted } from './api.js';
import { COLORS } from './styles.js';
import { session } from './session.js';

export function exposeHooks(parts, ready) {
  window.riverGis = {
    get map() { return parts.mapView?.map; },
    get layers() { return parts.layers?.layers; },
    /** The navigation shell: register(view), open(name, arg), close(). */
    get shell() { return parts.shell; },
    session,
    ready,
    /** Resolves when no layer load is running or scheduled (after a move: the debounce, then the requests). */
    idle: () => ready.then(() => parts.layers.idle()),
    counts: () => parts.layers.counts(),
    /** bbox (minLon,minLat,maxLon,maxLat) the features of a layer were last requested with. */
    lastBbox: id => parts.layers.layers[id]?.lastBbox ?? null,
    featureIds: id => (parts.layers.layers[id]?.features || []).map(f => f.id),
    viewBbox: () => parts.layers.viewBbox(),
    abortedUrls: () => aborted(),
    /** Zooms to a dataset ('*' = all); resolves when its features are drawn. */
    fitDataset: code => parts.datasets.fit(code),
    /** Centres the map; resolves when the view's features are drawn. */
    setView: (lat, lon, zoom) => settle(parts, () => parts.mapView.map.setView([lat, lon], zoom, { animate: false })),
    /** Fits the map to [[south, west], [north, east]]; resolves when the view's features are drawn. */
    fitBounds: (bounds, options) => settle(parts, () => parts.mapView.map.fitBounds(bounds, options)),
    colors: COLORS,
    /** The data of the dashboard chart `name`'s series `index` (what the chart draws). */
    dashboardSeries: (name, index) => parts.dashboard?.series(name, index) ?? null,
  };
}

const settle = (parts, fn) => parts.mapView.move(fn).then(() => parts.layers.idle());
