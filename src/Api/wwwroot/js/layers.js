// How a map layer loads and draws: OGC API Features collections by the bbox of the view, analysis results, local
// overlays, and the manager that schedules their loads and tells when all are idle. Which layers the map has is in
// map-layers.js. Everything is drawn on one shared canvas renderer; the draw order (z) is re-established after every
// reload.
/* global L */
import { fetchAllFeatures, fetchJson, withQuery, isAbort, problemHtml } from './api.js';

/** Debounce of map moves before the view's features are requested. */
export const MOVE_DEBOUNCE_MS = 250;

class MapLayer {
  constructor(manager, def) {
    this.manager = manager;
    this.def = def;
    this.id = def.id;
    this.group = L.layerGroup();
    this.features = [];
    this.rendered = 0;
    this.visible = def.visible !== false;
    this.loadedKey = null; // what the current features were loaded for (bbox or parameters)
    this.controller = null;
    this.error = null;
  }

  get map() { return this.manager.map; }

  setVisible(visible) {
    this.visible = visible;
    if (visible) {
      this.group.addTo(this.map);
      this.manager.restack();
      this.refresh();
    } else {
      this.controller?.abort();
      this.group.remove();
    }
    this.manager.changed(this);
  }

  /** Replaces what is drawn. */
  setFeatures(features) {
    this.features = features;
    this.render();
  }

  render() {
    this.group.clearLayers();
    const shown = this.def.filter ? this.features.filter(f => this.def.filter(f, this)) : this.features;
    const sorted = this.def.sort ? [...shown].sort(this.def.sort) : shown;
    const layer = L.geoJSON(sorted, {
      renderer: this.manager.renderer,
      style: this.def.style,
      pointToLayer: this.def.pointToLayer && ((f, latlng) => {
        const marker = this.def.pointToLayer(f, latlng);
        marker.options.renderer = this.manager.renderer;
        return marker;
      }),
      onEachFeature: (feature, leaflet) => {
        leaflet.feature = feature;
        this.def.onEach?.(feature, leaflet, this);
      },
    });
    this.group.addLayer(layer);
    this.rendered = sorted.length;
    this.manager.restack();
    this.manager.changed(this);
  }

  /** Called with the key of a load that succeeded and is current. */
  loaded() {}

  /** Leaflet layers of the features drawn (one per feature). */
  leafletLayers() {
    const out = [];
    this.group.eachLayer(g => (g.eachLayer ? g.eachLayer(l => out.push(l)) : out.push(g)));
    return out;
  }

  /** Loads what the layer needs for the current view/parameters, unless it already has it. */
  refresh(force = false) {
    if (!this.visible) return Promise.resolve();
    const key = this.key();
    if (key === null) return Promise.resolve();
    if (!force && key === this.loadedKey && !this.error) return Promise.resolve();
    if (!force && key === this.loadingKey) return this.loading;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.loadingKey = key;
    this.error = null;
    const work = (async () => {
      try {
        const features = await this.fetch(key, controller.signal);
        if (this.controller !== controller) return;
        this.loadedKey = key;
        this.loaded(key);
        this.setFeatures(features);
      } catch (e) {
        if (isAbort(e) || this.controller !== controller) return;
        this.error = e;
        this.manager.changed(this);
        this.manager.toast.show(`<div>图层“${this.def.title}”加载失败</div>${problemHtml(e)}`);
      } finally {
        if (this.controller === controller) {
          this.controller = null;
          this.loadingKey = null;
        }
      }
    })();
    this.loading = work;
    return this.manager.track(work);
  }
}

/** A collection of /features, requested with the bbox of the view (limit 10000, following `next`). */
class FeatureLayer extends MapLayer {
  /** The request's query: the view's bbox first, then limit and the layer's own filters. */
  key() {
    return withQuery('', { bbox: this.manager.viewBbox(), limit: 10000, ...(this.def.params?.() || {}) });
  }

  async fetch(query, signal) {
    const { features } = await fetchAllFeatures(`/features/collections/${this.def.collection}/items${query}`, signal);
    return features;
  }

  loaded(query) {
    this.lastBbox = new URLSearchParams(query).get('bbox');
  }
}

/** An analysis endpoint's FeatureCollection (whole system; parameters such as the level are in its url). */
class AnalysisLayer extends MapLayer {
  key() { return this.def.url(); }

  async fetch(url, signal) {
    const { data } = await fetchJson(url, { signal });
    this.response = data;
    return data.features || [];
  }
}

/** Features set by the page itself (demarcation results, the highlighted river). */
class LocalLayer extends MapLayer {
  key() { return null; }
}

export class LayerManager {
  constructor(map, toast) {
    this.map = map;
    this.toast = toast;
    this.renderer = map.options.renderer || map.getRenderer(L.polyline([]));
    this.layers = {};
    this.order = [];
    this.pending = 0;
    this.timer = null;
    this.waiters = [];
    this.listeners = [];
    this.activityListeners = [];
  }

  add(def) {
    const Kind = { features: FeatureLayer, analysis: AnalysisLayer, local: LocalLayer }[def.kind];
    const layer = new Kind(this, def);
    this.layers[def.id] = layer;
    this.order.push(layer);
    if (layer.visible) layer.group.addTo(this.map);
    return layer;
  }

  /** The view as an OGC bbox (minLon,minLat,maxLon,maxLat), clamped and wrapped to valid longitudes. */
  viewBbox() {
    const b = this.map.getBounds();
    const r = v => Math.round(v * 1e6) / 1e6;
    const south = Math.max(-90, b.getSouth());
    const north = Math.min(90, b.getNorth());
    let west = b.getWest();
    let east = b.getEast();
    if (east - west >= 360) {
      west = -180;
      east = 180;
    } else {
      const wrap = x => ((((x + 180) % 360) + 360) % 360) - 180;
      west = wrap(west);
      east = wrap(east);
      if (east === -180) east = 180;
    }
    return [r(west), r(south), r(east), r(north)].join(',');
  }

  /** Loads every visible layer for the current view (after the debounce). */
  schedule() {
    this.isMoving = false;
    clearTimeout(this.timer);
    document.body.dataset.state = 'loading';
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refreshAll();
      this.settle();
    }, MOVE_DEBOUNCE_MS);
  }

  refreshAll(force = false) {
    return Promise.all(this.order.map(l => l.refresh(force)));
  }

  track(promise) {
    this.pending++;
    document.body.dataset.state = 'loading';
    this.activity();
    promise.finally(() => {
      this.pending--;
      this.settle();
    });
    return promise;
  }

  /** The map started moving (an animation may run for a while before `moveend` schedules the loads). */
  moving() {
    this.isMoving = true;
    document.body.dataset.state = 'loading';
  }

  settle() {
    this.activity();
    if (this.pending > 0 || this.timer || this.isMoving) return;
    document.body.dataset.state = 'idle';
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach(w => w());
  }

  /** Whether a load is running or scheduled. */
  get busy() { return this.pending > 0 || this.timer !== null; }

  activity() { this.activityListeners.forEach(fn => fn()); }

  /** Called whenever loads start or end (the status line). */
  onActivity(fn) { this.activityListeners.push(fn); }

  /** Resolves once no load is running or scheduled. */
  idle() {
    if (this.pending === 0 && !this.timer && !this.isMoving) return Promise.resolve();
    return new Promise(resolve => this.waiters.push(resolve));
  }

  /** Re-establishes the draw order on the shared canvas (bottom to top = order of definition). */
  restack() {
    if (this.restackQueued) return;
    this.restackQueued = true;
    queueMicrotask(() => {
      this.restackQueued = false;
      for (const layer of this.order) {
        if (!layer.visible) continue;
        for (const l of layer.leafletLayers()) l.bringToFront?.();
      }
    });
  }

  changed(layer) {
    this.listeners.forEach(fn => fn(layer));
  }

  /** Called with a layer whenever its features, visibility or state changed. */
  onChange(fn) { this.listeners.push(fn); }

  counts() {
    return Object.fromEntries(this.order.map(l => [l.id, l.visible ? l.rendered : 0]));
  }
}
