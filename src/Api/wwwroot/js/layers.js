// Map layers: OGC API Features collections loaded by the bbox of the view, analysis results, and local overlays.
// Everything is drawn on one shared canvas renderer; the draw order (z) is re-established after every reload.
/* global L */
import { fetchAllFeatures, fetchJson, withQuery, isAbort, problemHtml, esc } from './api.js';
import { COLORS, LEVEL_ORDER, areaStyle, segmentStyle, gapStyle, SquareMarker, DiamondMarker } from './styles.js';
import { popups } from './popups.js';

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
        this.manager.app.toast(`<div>图层“${this.def.title}”加载失败</div>${problemHtml(e)}`);
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

/** An analysis endpoint's FeatureCollection (whole system; parameters such as the level). */
class AnalysisLayer extends MapLayer {
  key() { return this.def.url(this.manager.app.state); }

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
  constructor(app, map) {
    this.app = app;
    this.map = map;
    this.renderer = map.options.renderer || map.getRenderer(L.polyline([]));
    this.layers = {};
    this.order = [];
    this.pending = 0;
    this.timer = null;
    this.waiters = [];
    this.listeners = [];
    this.datasets = new Map(); // dataset_code → L.LatLngBounds seen in admin-area loads
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
    this.app.status();
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
    this.app.status();
    if (this.pending > 0 || this.timer || this.isMoving) return;
    document.body.dataset.state = 'idle';
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach(w => w());
  }

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
    if (layer.id === 'gaps' && this.layers.gapCasing) {
      this.layers.gapCasing.setFeatures(layer.visible ? layer.features : []);
    }
    if (layer.id === 'areas') {
      for (const f of layer.features) {
        const code = f.properties.dataset_code;
        const bounds = L.geoJSON(f).getBounds();
        if (!bounds.isValid()) continue;
        const known = this.datasets.get(code);
        if (known) known.extend(bounds);
        else this.datasets.set(code, L.latLngBounds(bounds.getSouthWest(), bounds.getNorthEast()));
      }
    }
    this.listeners.forEach(fn => fn(layer));
  }

  onChange(fn) { this.listeners.push(fn); }

  counts() {
    return Object.fromEntries(this.order.map(l => [l.id, l.visible ? l.rendered : 0]));
  }
}

/** The layer definitions, bottom to top. */
export function defineLayers(manager, app) {
  // Point symbols shrink when zoomed far out, so the overview is not a pile of markers.
  const pointRadius = r => {
    const z = manager.map.getZoom();
    return z < 6 ? r * 0.45 : z < 9 ? r * 0.7 : r;
  };

  const click = (feature, leaflet, handler) => {
    leaflet.on('click', e => {
      if (app.state.mode === 'report') {
        app.reportAt(e.latlng);
        return;
      }
      handler(e);
    });
  };

  /**
   * A popup opened by our own click handler (Leaflet's is removed) so that report mode gets the click first; `atClick`
   * anchors it where the line was clicked (points open at the marker); `then` runs after it opened.
   */
  const popupOnClick = (feature, leaflet, content, options = {}, { atClick = true, then } = {}) => {
    leaflet.bindPopup(content, { className: 'rg-popup', ...options });
    leaflet.off('click', leaflet._openPopup, leaflet);
    click(feature, leaflet, e => {
      leaflet.openPopup(atClick ? e.latlng : undefined);
      then?.(e);
    });
  };

  manager.add({
    id: 'graticule', kind: 'local', title: '经纬网', titleEn: 'graticule', legend: false,
    style: () => ({ color: '#b4c3ce', weight: 0.8, opacity: 1, interactive: false }),
  });

  manager.add({
    id: 'areas', kind: 'features', collection: 'admin-areas', title: '行政区域', titleEn: 'administrative areas',
    style: areaStyle,
    sort: (a, b) => LEVEL_ORDER[a.properties.level] - LEVEL_ORDER[b.properties.level],
    filter: (f) => app.state.areaLevels.has(f.properties.level),
    onEach: (feature, leaflet) => {
      const p = feature.properties;
      leaflet.bindTooltip(esc(p.name), {
        permanent: true, direction: 'center', interactive: false,
        className: `area-label lvl-${p.level}`,
      });
    },
  });

  manager.add({
    id: 'highlight', kind: 'local', title: '选中河流', titleEn: 'selected river', legend: false,
    style: () => ({ color: COLORS.highlight, weight: 22, opacity: 0.75, lineCap: 'round', lineJoin: 'round', interactive: false }),
  });

  manager.add({
    id: 'rivers', kind: 'features', collection: 'rivers', title: '河流', titleEn: 'rivers',
    style: () => ({ color: COLORS.river, weight: 3, opacity: 1, lineCap: 'round', lineJoin: 'round', bubblingMouseEvents: false }),
    onEach: (feature, leaflet) => {
      leaflet.bindTooltip(esc(feature.properties.name), { sticky: true, className: 'hover-tip', direction: 'top', offset: [0, -6] });
      click(feature, leaflet, () => app.profile.open(feature.properties.code || feature.id, { fit: true }));
    },
  });

  manager.add({
    id: 'segments', kind: 'features', collection: 'segments', title: '河段（按层级）', titleEn: 'river segments by level',
    style: segmentStyle,
    sort: (a, b) => LEVEL_ORDER[a.properties.level] - LEVEL_ORDER[b.properties.level],
    filter: (f) => app.state.segmentLevels.has(f.properties.level),
    onEach: (feature, leaflet) => {
      const p = feature.properties;
      leaflet.options.bubblingMouseEvents = false;
      leaflet.bindTooltip(esc(p.name || feature.id), { sticky: true, className: 'hover-tip', direction: 'top', offset: [0, -6] });
      popupOnClick(feature, leaflet, () => popups.segment(feature), { maxWidth: 320, }, { then: () => app.profile.open(p.river_code, { segment: feature.id }) });
    },
  });

  manager.add({
    id: 'patrols', kind: 'features', collection: 'patrol-tracks', title: '巡河轨迹', titleEn: 'patrol tracks',
    style: () => ({ color: COLORS.patrol, weight: 2.2, opacity: 0.85, dashArray: '2 5', lineCap: 'round', bubblingMouseEvents: false }),
    onEach: (feature, leaflet) => {
      popupOnClick(feature, leaflet, () => popups.patrol(feature));
    },
  });

  manager.add({
    id: 'overlaps', kind: 'analysis', title: '重叠河段', titleEn: 'overlapping segments', visible: false,
    url: s => withQuery('/api/analysis/overlaps', { level: s.analysisLevel }),
    style: () => ({ color: COLORS.overlap, weight: 9, opacity: 0.45, lineCap: 'butt', bubblingMouseEvents: false }),
    onEach: (feature, leaflet) => {
      popupOnClick(feature, leaflet, () => popups.overlap(feature));
    },
  });

  manager.add({
    id: 'crossBoundary', kind: 'analysis', title: '跨界部分', titleEn: 'cross-boundary parts of segments',
    url: () => '/api/analysis/cross-boundary',
    style: () => ({ color: COLORS.crossBoundary, weight: 4.5, opacity: 0.95, dashArray: '1 7', lineCap: 'round', bubblingMouseEvents: false }),
    onEach: (feature, leaflet) => {
      popupOnClick(feature, leaflet, () => popups.crossBoundary(feature));
    },
  });

  manager.add({
    id: 'gapCasing', kind: 'local', title: '覆盖缺口衬底', titleEn: 'gap casing', legend: false,
    style: () => ({ color: '#ffffff', weight: 10, opacity: 0.95, lineCap: 'round', interactive: false }),
  });

  manager.add({
    id: 'gaps', kind: 'analysis', title: '覆盖缺口', titleEn: 'coverage gaps',
    url: s => withQuery('/api/analysis/coverage-gaps', { level: s.analysisLevel }),
    style: gapStyle,
    onEach: (feature, leaflet) => {
      leaflet.options.bubblingMouseEvents = false;
      leaflet.bindTooltip(() => popups.gapTip(feature), { sticky: true, className: 'hover-tip', direction: 'top', offset: [0, -6] });
      popupOnClick(feature, leaflet, () => popups.gap(feature), {}, { then: () => app.profile.open(feature.properties.river_code) });
    },
  });

  manager.add({
    id: 'demarcationProposal', kind: 'local', title: '划界方案', titleEn: 'uploaded proposal', legend: false,
    style: () => ({ color: COLORS.proposal, weight: 3, opacity: 0.7, dashArray: '6 4', interactive: false }),
  });

  manager.add({
    id: 'demarcation', kind: 'local', title: '划界检查问题', titleEn: 'demarcation problems', legend: false,
    style: f => ({ color: f.properties.severity === 'warning' ? '#f57c00' : COLORS.demarcation, weight: 7, opacity: 0.85, lineCap: 'round', bubblingMouseEvents: false }),
    pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 7, color: '#fff', weight: 2, fillColor: COLORS.demarcation, fillOpacity: 1 }),
    onEach: (feature, leaflet) => {
      popupOnClick(feature, leaflet, () => popups.demarcation(feature), { maxWidth: 340 });
    },
  });

  manager.add({
    id: 'crossings', kind: 'analysis', title: '交界断面', titleEn: 'boundary crossings',
    url: s => withQuery('/api/analysis/boundary-crossings', { level: s.analysisLevel }),
    pointToLayer: (f, latlng) => new DiamondMarker(latlng, {
      radius: pointRadius(3.8), color: '#fff', weight: 1.4, fillColor: COLORS.crossing[f.properties.kind] || '#333', fillOpacity: 1, bubblingMouseEvents: false,
    }),
    onEach: (feature, leaflet) => {
      popupOnClick(feature, leaflet, () => popups.crossing(feature), { maxWidth: 340 }, { atClick: false });
    },
  });

  manager.add({
    id: 'outlets', kind: 'features', collection: 'outlets', title: '入河排污口', titleEn: 'sewage outlets by permit',
    pointToLayer: (f, latlng) => new SquareMarker(latlng, {
      radius: pointRadius(4.8), color: '#263238', weight: 1.3, fillColor: COLORS.permit[f.properties.permit] || '#999', fillOpacity: 1, bubblingMouseEvents: false,
    }),
    onEach: (feature, leaflet) => {
      leaflet.bindTooltip(esc(feature.properties.name), { className: 'hover-tip', direction: 'top', offset: [0, -6] });
      popupOnClick(feature, leaflet, () => popups.outlet(feature), {}, { atClick: false });
    },
  });

  manager.add({
    id: 'flash', kind: 'local', title: '定位', titleEn: 'zoomed-to feature', legend: false,
    style: () => ({ color: '#00e5ff', weight: 11, opacity: 0.75, lineCap: 'round', lineJoin: 'round', fill: false, interactive: false }),
    pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 15, color: '#00b8d4', weight: 4, fill: false, interactive: false }),
  });

  manager.add({
    id: 'issues', kind: 'features', collection: 'issues', title: '问题（红黄绿灯）', titleEn: 'issues by status light',
    pointToLayer: (f, latlng) => L.circleMarker(latlng, {
      radius: pointRadius(6.5), color: '#1c2529', weight: 1.6, fillColor: COLORS.light[f.properties.light] || '#999', fillOpacity: 1, bubblingMouseEvents: false,
    }),
    onEach: (feature, leaflet) => {
      leaflet.bindTooltip(esc(`#${feature.id} ${feature.properties.description ?? ''}`.slice(0, 40)), { className: 'hover-tip', direction: 'top', offset: [0, -8] });
      popupOnClick(feature, leaflet, () => popups.issue(feature), { maxWidth: 320 }, { atClick: false });
    },
  });
}
