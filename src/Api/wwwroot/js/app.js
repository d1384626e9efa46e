// RiverGis web map (河长制一张图): bootstraps the map, layers, legend and the side-panel tools.
/* global L */
import { fetchJson, esc, problemHtml, aborted } from './api.js';
import { LayerManager, defineLayers } from './layers.js';
import { Legend } from './legend.js';
import { Panel } from './panel.js';
import { Profile } from './profile.js';
import { Report } from './report.js';
import { Demarcation } from './demarcation.js';
import { Ledger } from './ledger.js';
import { CATEGORY, LEVELS, AREA_NAMES } from './labels.js';
import { COLORS, settings } from './styles.js';

const LABEL_ZOOM = { province: 5, city: 8, county: 9.5, township: 11, village: 13.25 };
const OVERVIEW_MAX_ZOOM = 7.5; // below this the datasets are shown as named pins

class App {
  constructor() {
    this.state = {
      mode: 'browse',
      analysisLevel: 'township',
      segmentLevels: new Set(LEVELS),
      areaLevels: new Set(['province', ...LEVELS]),
    };
    this.categories = [];
    this.areaNames = AREA_NAMES;
    this.datasetMarkers = L.layerGroup();
  }

  async start() {
    const config = await this.loadConfig();
    this.config = config;
    if (config.analysis_level && LEVELS.includes(config.analysis_level)) this.state.analysisLevel = config.analysis_level;

    // One canvas for every vector layer and marker: stacked canvases would hide each other's features from clicks.
    const map = L.map('map', {
      preferCanvas: true, renderer: L.canvas({ padding: 0.4, tolerance: 4 }), zoomControl: false, minZoom: 2, maxZoom: 19, zoomSnap: 0.25, zoomDelta: 0.5,
      wheelPxPerZoomLevel: 90, worldCopyJump: false, attributionControl: true,
    });
    this.map = map;
    map.attributionControl.setPrefix('Leaflet');
    map.attributionControl.addAttribution('样例数据 © OpenStreetMap contributors (ODbL)');
    L.control.zoom({ position: 'bottomright', zoomInTitle: '放大 zoom in', zoomOutTitle: '缩小 zoom out' }).addTo(map);
    L.control.scale({ position: 'bottomright', imperial: false, maxWidth: 140 }).addTo(map);
    this.addBasemap(config);

    this.panel = new Panel(document.getElementById('panel'));
    this.layers = new LayerManager(this, map);
    this.profile = new Profile(this);
    this.report = new Report(this);
    this.demarcation = new Demarcation(this);
    this.ledger = new Ledger(this);
    defineLayers(this.layers, this);
    this.layers.onChange(layer => this.layerChanged(layer));
    this.panel.onClose(view => { if (view === 'profile') this.profile.clear(); });

    const [extent, categories] = await Promise.all([this.loadExtent(), this.loadCategories()]);
    this.extent = extent;
    this.categories = categories;
    for (const c of categories) CATEGORY[c.code] = c.label;

    this.legend = new Legend(this, document.getElementById('legend-body'));
    this.buildDatasetButtons(config.datasets || []);
    this.wireUi();

    if (!this.restoreView()) this.fitAll(false);
    this.datasetMarkers.addTo(map);
    this.zoomClasses();
    this.updateGraticule();
    map.on('movestart zoomstart', () => this.layers.moving());
    let band = this.pointBand();
    map.on('zoomend', () => {
      const now = this.pointBand();
      this.updateDatasetMarkers();
      if (now === band) return;
      band = now;
      for (const id of ['crossings', 'outlets', 'issues', 'demarcation']) this.layers.layers[id].render();
    });
    map.on('moveend', () => {
      this.layers.schedule();
      this.saveView();
      this.zoomClasses();
      this.updateGraticule();
    });
    map.on('click', e => this.mapClick(e));
    await this.layers.refreshAll();
    await this.layers.idle();
  }

  async loadConfig() {
    let config = {};
    try {
      ({ data: config } = await fetchJson('config.json'));
    } catch (e) {
      this.toast(`<div>config.json 读取失败，使用默认设置</div>${problemHtml(e)}`);
    }
    const tiles = new URLSearchParams(location.search).get('tiles');
    if (tiles) config = { ...config, tiles, tile_attribution: '' };
    return config || {};
  }

  /** An optional XYZ basemap (e.g. 天地图); none by default: the page then needs nothing from other hosts. */
  addBasemap(config) {
    const url = config.tiles;
    if (!url) {
      document.body.classList.add('no-basemap');
      return;
    }
    settings.basemap = true;
    const options = { maxZoom: 19, attribution: config.tile_attribution || '' };
    if (config.tile_subdomains) options.subdomains = config.tile_subdomains;
    L.tileLayer(url, options).addTo(this.map);
  }

  async loadExtent() {
    let data;
    try {
      ({ data } = await fetchJson('/features/collections'));
    } catch (e) {
      this.toast(`<div>读取数据范围失败 <span class="en">could not read the extent</span></div>${problemHtml(e)}`);
      return null;
    }
    let bounds = null;
    for (const c of data.collections || []) {
      const box = c.extent?.spatial?.bbox?.[0];
      if (!box || c.id === 'issues') continue;
      const b = L.latLngBounds([box[1], box[0]], [box[3], box[2]]);
      bounds = bounds ? bounds.extend(b) : b;
    }
    return bounds;
  }

  async loadCategories() {
    try {
      const { data } = await fetchJson('/api/issues/categories');
      return data || [];
    } catch (e) {
      this.toast(`<div>读取问题类别失败，暂不能上报 <span class="en">categories unavailable</span></div>${problemHtml(e)}`);
      return [];
    }
  }

  /** Padding that keeps fitted geometry clear of the legend and the open side panel. */
  fitPadding() {
    const legend = document.getElementById('legend');
    const left = legend && !legend.classList.contains('collapsed') ? legend.offsetWidth + 24 : 24;
    const panel = document.getElementById('panel');
    const right = panel.hidden ? 32 : panel.offsetWidth + 32;
    return { paddingTopLeft: [left, 32], paddingBottomRight: [right, 40] };
  }

  /** Runs a map move and resolves once it ended and the layers of the new view are loaded. */
  move(fn) {
    const ended = new Promise(resolve => this.map.once('moveend', resolve));
    fn();
    return ended.then(() => this.layers.idle());
  }

  fitAll(animate = true) {
    const padding = this.fitPadding();
    padding.paddingBottomRight = [padding.paddingBottomRight[0] + 150, padding.paddingBottomRight[1]]; // room for the dataset pins' labels
    if (this.extent) this.map.fitBounds(this.extent, { ...padding, animate });
    else this.map.setView([35, 105], 4, { animate });
  }

  async fitDataset(code) {
    if (code === '*') return this.move(() => this.fitAll());
    let bounds = this.layers.datasets.get(code);
    if (!bounds) {
      // Not seen in the view's admin-area loads yet: ask for that dataset's areas.
      const { data } = await fetchJson(`/features/collections/admin-areas/items?dataset_code=${encodeURIComponent(code)}&limit=10000`);
      const b = L.geoJSON(data).getBounds();
      if (b.isValid()) bounds = b;
    }
    if (bounds) await this.move(() => this.map.fitBounds(bounds, { ...this.fitPadding(), maxZoom: 16 }));
    else this.toast(`没有数据集 <code>${esc(code)}</code> 的区域 <span class="en">no areas for dataset</span>`);
  }

  /** Sets the view so that a point is in the middle of the part of the map the legend and the panel leave free. */
  centerInView(latlng, zoom) {
    const map = this.map;
    const size = map.getSize();
    const { paddingTopLeft: tl, paddingBottomRight: br } = this.fitPadding();
    const free = L.point((tl[0] + size.x - br[0]) / 2, (tl[1] + size.y - br[1]) / 2);
    const shift = size.divideBy(2).subtract(free);
    map.setView(map.unproject(map.project(latlng, zoom).add(shift), zoom), zoom);
  }

  /** The part of the map not covered by the legend or the side panel, as lat/lng bounds. */
  visibleBounds() {
    const size = this.map.getSize();
    const { paddingTopLeft: tl, paddingBottomRight: br } = this.fitPadding();
    return L.latLngBounds(this.map.containerPointToLatLng([tl[0], size.y - br[1]]), this.map.containerPointToLatLng([size.x - br[0], tl[1]]));
  }

  zoomTo(geometry, { flash = false, onlyIfHidden = false } = {}) {
    const layer = L.geoJSON(geometry);
    const bounds = layer.getBounds();
    if (!bounds.isValid()) return;
    if (onlyIfHidden && this.visibleBounds().contains(bounds)) return;
    const isPoint = bounds.getNorthEast().equals(bounds.getSouthWest());
    if (isPoint) this.centerInView(bounds.getCenter(), Math.max(this.map.getZoom(), 15));
    else this.map.fitBounds(bounds, { ...this.fitPadding(), maxZoom: 15 });
    if (flash) this.flash(geometry);
  }

  /** Briefly outlines a geometry the user asked to see. */
  flash(geometry) {
    const layer = this.layers.layers.flash;
    layer.setFeatures([{ type: 'Feature', geometry, properties: {} }]);
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => layer.setFeatures([]), 2500);
  }

  buildDatasetButtons(datasets) {
    const nav = document.querySelector('.datasets');
    for (const d of datasets) {
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.dataset = d.code;
      b.dataset.testid = `dataset-${d.code}`;
      b.title = d.label_en || d.code;
      b.textContent = d.label || d.code;
      nav.appendChild(b);
    }
    nav.addEventListener('click', e => {
      const b = e.target.closest('button[data-dataset]');
      if (b) this.fitDataset(b.dataset.dataset).catch(err => this.toast(problemHtml(err)));
    });
  }

  datasetLabel(code) {
    const d = (this.config.datasets || []).find(x => x.code === code);
    return d ? { zh: d.label, en: d.label_en } : { zh: code, en: '' };
  }

  wireUi() {
    const reportBtn = document.getElementById('btn-report');
    reportBtn.addEventListener('click', () => this.setMode(this.state.mode === 'report' ? 'browse' : 'report'));
    document.getElementById('mode-hint-exit').addEventListener('click', () => this.setMode('browse'));
    document.getElementById('btn-demarcation').addEventListener('click', () => this.demarcation.open());
    document.getElementById('btn-ledger').addEventListener('click', () => this.ledger.open());
    document.addEventListener('keydown', e => {
      if (e.key !== 'Escape') return;
      if (this.state.mode === 'report') this.setMode('browse');
      else if (!document.getElementById('panel').hidden) this.panel.close();
    });
    const legend = document.getElementById('legend');
    document.getElementById('legend-collapse').addEventListener('click', () => this.collapseLegend(!legend.classList.contains('collapsed')));
    // The wide panel (ledger) leaves little map: fold the legend meanwhile, and restore it afterwards.
    this.panel.onShow(wide => {
      if (wide && !legend.classList.contains('collapsed')) {
        this.legendFoldedForPanel = true;
        this.collapseLegend(true);
      } else if (!wide && this.legendFoldedForPanel) {
        this.legendFoldedForPanel = false;
        this.collapseLegend(false);
      }
    });
    this.panel.onClose(() => {
      if (this.legendFoldedForPanel) {
        this.legendFoldedForPanel = false;
        this.collapseLegend(false);
      }
    });
    // Buttons inside popups.
    this.map.getContainer().addEventListener('click', e => {
      const b = e.target.closest('[data-action]');
      if (!b) return;
      if (b.dataset.action === 'profile') this.profile.open(b.dataset.river, { fit: true });
      if (b.dataset.action === 'report-here') this.report.open(L.latLng(Number(b.dataset.lat), Number(b.dataset.lon)));
    });
    for (const el of [legend, document.getElementById('panel'), document.getElementById('toast')]) {
      L.DomEvent.disableClickPropagation(el);
      L.DomEvent.disableScrollPropagation(el);
    }
  }

  collapseLegend(collapsed) {
    const legend = document.getElementById('legend');
    const button = document.getElementById('legend-collapse');
    legend.classList.toggle('collapsed', collapsed);
    button.textContent = collapsed ? '+' : '−';
    button.setAttribute('aria-expanded', String(!collapsed));
  }

  setMode(mode) {
    this.state.mode = mode;
    const on = mode === 'report';
    document.body.classList.toggle('mode-report', on);
    document.getElementById('btn-report').setAttribute('aria-pressed', String(on));
    document.getElementById('mode-hint').hidden = !on;
  }

  /** A click in report mode: one report per click, then back to browsing. */
  reportAt(latlng) {
    this.setMode('browse');
    this.report.open(latlng);
  }

  setAnalysisLevel(level) {
    this.state.analysisLevel = level;
    for (const id of ['gaps', 'crossings', 'overlaps']) this.layers.layers[id].refresh();
  }

  mapClick(e) {
    if (this.state.mode === 'report') {
      this.reportAt(e.latlng);
      return;
    }
    const lat = e.latlng.lat.toFixed(6);
    const lon = e.latlng.lng.toFixed(6);
    L.popup({ className: 'rg-popup', offset: [0, -2] }).setLatLng(e.latlng).setContent(
      `<div class="pop" data-testid="empty-click-popup"><div class="muted"><code>${lon}, ${lat}</code></div>`
      + `<button type="button" class="primary small" data-action="report-here" data-testid="report-here" data-lat="${lat}" data-lon="${lon}">在此上报问题</button></div>`,
    ).openOn(this.map);
  }

  layerChanged(layer) {
    if (layer.id === 'areas') {
      for (const f of layer.features) this.areaNames.set(f.properties.code, f.properties.name);
    }
    if (['areas', 'rivers', 'segments', 'gaps', 'outlets'].includes(layer.id) && !this.markersQueued) {
      this.markersQueued = true;
      queueMicrotask(() => {
        this.markersQueued = false;
        this.updateDatasetMarkers();
      });
    }
  }

  /** What the view holds per dataset (rivers, segments, vacant posts, gaps at the analysis level), for the overview pins. */
  datasetStats() {
    const { rivers, segments, gaps, outlets } = this.layers.layers;
    const stats = new Map();
    const of = code => {
      if (!stats.has(code)) stats.set(code, { rivers: 0, segments: 0, vacant: 0, gaps: 0, outlets: 0 });
      return stats.get(code);
    };
    const riverDataset = new Map();
    for (const f of rivers.features) {
      riverDataset.set(f.properties.code ?? f.id, f.properties.dataset_code);
      of(f.properties.dataset_code).rivers++;
    }
    for (const f of segments.features) {
      const s = of(f.properties.dataset_code);
      s.segments++;
      if (f.properties.vacant) s.vacant++;
    }
    for (const f of gaps.features) {
      const code = riverDataset.get(f.properties.river_code);
      if (code) of(code).gaps++;
    }
    for (const f of outlets.features) of(f.properties.dataset_code).outlets++;
    return stats;
  }

  areaName(code) { return code ? this.areaNames.get(code) : undefined; }

  updateDatasetMarkers() {
    this.datasetMarkers.clearLayers();
    const stats = this.datasetStats();
    // Labels sit right of their pin; of two pins too close for that, the northern label goes above, the other below.
    const pins = [...this.layers.datasets].map(([code, bounds]) => ({ code, center: bounds.getCenter(), at: this.map.latLngToContainerPoint(bounds.getCenter()), place: 'right' }));
    for (const a of pins) {
      for (const b of pins) {
        if (a === b || Math.abs(a.at.x - b.at.x) > 260 || Math.abs(a.at.y - b.at.y) > 100) continue;
        a.place = a.center.lat >= b.center.lat ? 'above' : 'below';
      }
    }
    const placeOf = new Map(pins.map(p => [p.code, p.place]));
    for (const [code, bounds] of this.layers.datasets) {
      const label = this.datasetLabel(code);
      const s = stats.get(code);
      const facts = s
        ? `<span class="pin-stats"><b>${s.rivers}</b> 条河流 · <b>${s.segments}</b> 个河段${s.vacant ? ` · <b class="warn">${s.vacant}</b> 空缺` : ''}`
          + `${s.gaps ? ` · <b class="bad">${s.gaps}</b> 处缺口` : ''}</span>`
        : '';
      const marker = L.marker(bounds.getCenter(), {
        icon: L.divIcon({
          className: `dataset-pin pin-${placeOf.get(code)}`,
          html: `<div class="pin-dot"></div><div class="pin-label">${esc(label.zh)}<span class="en">${esc(label.en || '')}</span>${facts}</div>`,
          iconSize: [14, 14], iconAnchor: [7, 7],
        }),
        title: `${label.zh} — 点击放大 click to zoom`, keyboard: false, riseOnHover: true,
      });
      marker.on('click', () => this.fitDataset(code));
      this.datasetMarkers.addLayer(marker);
    }
  }

  /** Zoom band of the point symbol sizes (see pointRadius in layers.js). */
  pointBand() {
    const z = this.map.getZoom();
    return z < 6 ? 0 : z < 9 ? 1 : 2;
  }

  /** Classes that show area labels (and dataset pins) only at zooms where they are legible. */
  zoomClasses() {
    const z = this.map.getZoom();
    const c = this.map.getContainer().classList;
    for (const [level, min] of Object.entries(LABEL_ZOOM)) c.toggle(`show-${level}`, z >= min);
    c.toggle('overview', z < OVERVIEW_MAX_ZOOM);
  }

  /** A light graticule (meridians and parallels, labelled at the edges) for orientation when there is no basemap. */
  updateGraticule() {
    const map = this.map;
    const z = map.getZoom();
    const step = z < 4 ? 20 : z < 5.5 ? 10 : z < 7 ? 5 : z < 8.5 ? 2 : z < 10 ? 1 : z < 11.5 ? 0.5 : z < 13 ? 0.2 : z < 14.5 ? 0.1 : 0.05;
    const b = map.getBounds().pad(0.3);
    const south = Math.max(-85, b.getSouth());
    const north = Math.min(85, b.getNorth());
    const west = Math.max(-180, b.getWest());
    const east = Math.min(180, b.getEast());
    const lines = [];
    const round = v => Math.round(v * 1e6) / 1e6;
    const meridians = [];
    const parallels = [];
    for (let x = Math.ceil(west / step) * step; x <= east; x += step) meridians.push(round(x));
    for (let y = Math.ceil(south / step) * step; y <= north; y += step) parallels.push(round(y));
    for (const x of meridians) lines.push([[x, south], [x, north]]);
    for (const y of parallels) lines.push([[west, y], [east, y]]);
    this.layers.layers.graticule.setFeatures(lines.length && !settings.basemap
      ? [{ type: 'Feature', properties: { step }, geometry: { type: 'MultiLineString', coordinates: lines } }] : []);

    if (!this.graticuleLabels) {
      this.graticuleLabels = L.DomUtil.create('div', 'graticule-labels', map.getContainer());
    }
    const digits = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
    const fmt = (v, pos, neg) => `${Math.abs(v).toFixed(digits)}°${v === 0 ? '' : v > 0 ? pos : neg}`;
    const size = map.getSize();
    const center = map.getCenter();
    let html = '';
    for (const x of meridians) {
      const px = map.latLngToContainerPoint([center.lat, x]).x;
      if (px > 20 && px < size.x - 20) html += `<span class="glabel top" style="left:${px.toFixed(0)}px">${fmt(x, 'E', 'W')}</span>`;
    }
    for (const y of parallels) {
      const py = map.latLngToContainerPoint([y, center.lng]).y;
      if (py > 20 && py < size.y - 20) html += `<span class="glabel right" style="top:${py.toFixed(0)}px">${fmt(y, 'N', 'S')}</span>`;
    }
    this.graticuleLabels.innerHTML = html;
  }

  restoreView() {
    const m = /^#(\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(location.hash);
    if (!m) return false;
    this.map.setView([Number(m[2]), Number(m[3])], Number(m[1]), { animate: false });
    return true;
  }

  saveView() {
    const c = this.map.getCenter();
    history.replaceState(null, '', `${location.pathname}${location.search}#${this.map.getZoom()}/${c.lat.toFixed(5)}/${c.lng.toFixed(5)}`);
  }

  status() {
    const el = document.getElementById('status');
    if (!el || !this.layers) return;
    const busy = this.layers.pending > 0 || this.layers.timer;
    const c = this.layers.counts();
    el.classList.toggle('busy', !!busy);
    el.innerHTML = busy
      ? '<span class="spinner"></span>加载中…'
      : `视图内 河段 <strong>${c.segments}</strong> · 排污口 <strong>${c.outlets}</strong> · 问题 <strong>${c.issues}</strong>`;
  }

  toast(html, ms = 9000) {
    const el = document.getElementById('toast');
    el.innerHTML = `<button type="button" class="icon-btn toast-close" title="关闭">×</button>${html}`;
    el.hidden = false;
    el.querySelector('.toast-close').onclick = () => { el.hidden = true; };
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => { el.hidden = true; }, ms);
  }
}

const app = new App();
const ready = app.start();

// Hooks for the browser tests (and the curious): the map, the layers and explicit readiness signals.
window.riverGis = {
  app,
  get map() { return app.map; },
  get layers() { return app.layers?.layers; },
  ready,
  /** Resolves when no layer load is running or scheduled (after a move: the debounce, then the requests). */
  idle: () => ready.then(() => app.layers.idle()),
  counts: () => app.layers.counts(),
  /** bbox (minLon,minLat,maxLon,maxLat) the features of a layer were last requested with. */
  lastBbox: id => app.layers.layers[id]?.lastBbox ?? null,
  featureIds: id => (app.layers.layers[id]?.features || []).map(f => f.id),
  viewBbox: () => app.layers.viewBbox(),
  abortedUrls: () => aborted(),
  /** Zooms to a dataset ('*' = all); resolves when its features are drawn. */
  fitDataset: code => app.fitDataset(code),
  /** Centres the map; resolves when the view's features are drawn. */
  setView: (lat, lon, zoom) => app.move(() => app.map.setView([lat, lon], zoom, { animate: false })),
  /** Fits the map to [[south, west], [north, east]]; resolves when the view's features are drawn. */
  fitBounds: (bounds, options) => app.move(() => app.map.fitBounds(bounds, options)),
  colors: COLORS,
};

ready.then(
  () => { document.body.dataset.ready = 'true'; },
  e => {
    document.body.dataset.ready = 'error';
    console.error('RiverGis failed to start', e);
    app.toast(`<div>地图启动失败 <span class="en">start failed</span></div>${problemHtml(e)}`, 60000);
  },
);
