// The map's layers, bottom to top: what each draws, how it is styled, what a click on a feature does; the level
// filters they are drawn and computed with. How a layer loads and draws is in layers.js.
/* global L */
import { withQuery, esc } from './api.js';
import { COLORS, LEVEL_ORDER, areaStyle, segmentStyle, gapStyle } from './styles.js';
import { SquareMarker, DiamondMarker } from './markers.js';
import { LEVELS } from './labels.js';
import { popups } from './popups.js';
import { on, ISSUES_CHANGED } from './events.js';

/** Point symbols shrink when zoomed far out, so the overview is not a pile of markers: the scale per zoom band. */
const POINT_SCALE = [0.45, 0.7, 1];
const pointBand = map => {
  const z = map.getZoom();
  return z < 6 ? 0 : z < 9 ? 1 : 2;
};

const ANALYSIS_LAYERS = ['gaps', 'crossings', 'overlaps'];

/** Tooltips of lines follow the pointer. */
const LINE_TIP = { sticky: true, className: 'hover-tip', direction: 'top', offset: [0, -6] };

/** Layers drawn by level: only the levels shown, higher levels first so that they lie below the lower ones. */
const byLevels = shown => ({
  sort: (a, b) => LEVEL_ORDER[a.properties.level] - LEVEL_ORDER[b.properties.level],
  filter: f => shown.has(f.properties.level),
});

/** Which levels of segments and areas are drawn, and the level the analysis layers are computed for. */
export class LayerFilters {
  constructor(manager, config) {
    this.manager = manager;
    this.analysisLevel = LEVELS.includes(config.analysis_level) ? config.analysis_level : 'township';
    this.segmentLevels = new Set(LEVELS);
    this.areaLevels = new Set(['province', ...LEVELS]);
  }

  setAnalysisLevel(level) {
    this.analysisLevel = level;
    for (const id of ANALYSIS_LAYERS) this.manager.layers[id].refresh();
  }

  /** Shows or hides one level of a group ('segmentLevels' or 'areaLevels'). */
  showLevel(group, level, shown) {
    if (shown) this[group].add(level); else this[group].delete(level);
    (group === 'segmentLevels' ? this.manager.layers.segments : this.manager.layers.areas).render();
  }
}

/**
 * The layer definitions, bottom to top. `filters`: the levels shown and the analysis level; `takeClick(latlng)`:
 * true when a click on a feature was taken for something else (report mode); `openProfile(river, options)`.
 */
export function defineLayers(manager, { filters, takeClick, openProfile }) {
  const pointRadius = r => POINT_SCALE[pointBand(manager.map)] * r;

  const click = (feature, leaflet, handler) => {
    leaflet.on('click', e => {
      if (!takeClick(e.latlng)) handler(e);
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
    ...byLevels(filters.areaLevels),
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
      leaflet.bindTooltip(esc(feature.properties.name), LINE_TIP);
      click(feature, leaflet, () => openProfile(feature.properties.code || feature.id, { fit: true }));
    },
  });

  manager.add({
    id: 'segments', kind: 'features', collection: 'segments', title: '河段（按层级）', titleEn: 'river segments by level',
    style: segmentStyle,
    ...byLevels(filters.segmentLevels),
    onEach: (feature, leaflet) => {
      const p = feature.properties;
      leaflet.options.bubblingMouseEvents = false;
      leaflet.bindTooltip(esc(p.name || feature.id), LINE_TIP);
      popupOnClick(feature, leaflet, () => popups.segment(feature), { maxWidth: 320 }, { then: () => openProfile(p.river_code, { segment: feature.id }) });
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
    url: () => withQuery('/api/analysis/overlaps', { level: filters.analysisLevel }),
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
    url: () => withQuery('/api/analysis/coverage-gaps', { level: filters.analysisLevel }),
    style: gapStyle,
    onEach: (feature, leaflet) => {
      leaflet.options.bubblingMouseEvents = false;
      leaflet.bindTooltip(() => popups.gapTip(feature), LINE_TIP);
      popupOnClick(feature, leaflet, () => popups.gap(feature), {}, { then: () => openProfile(feature.properties.river_code) });
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
    url: () => withQuery('/api/analysis/boundary-crossings', { level: filters.analysisLevel }),
    pointToLayer: (f, latlng) => new DiamondMarker(latlng, {
      radius: pointRadius(3.8), color: '#fff', weight: 1.4, fillColor: COLORS.crossing[f.properties.kind] || '#333', fillOpacity: 1, bubblingMouseEvents: false,
    }),
    onEach: (feature, leaflet) => {
      popupOnClick(feature, leaflet, () => popups.crossing(feature), { maxWidth: 340 }, { atClick: false });
    },
  });

  manager.add({
    id: 'waterBodies', kind: 'analysis', title: '湖泊水库及片区', titleEn: 'lakes and reservoirs with their zones',
    url: () => '/api/water-bodies/zones',
    style: f => ({
      color: f.properties.vacant ? COLORS.gap : COLORS.zone, weight: 1.6, dashArray: '4 3', opacity: 0.9,
      fill: true, fillColor: COLORS.water, fillOpacity: 0.55, bubblingMouseEvents: false,
    }),
    onEach: (feature, leaflet) => {
      leaflet.bindTooltip(esc(feature.properties.name || feature.properties.code), LINE_TIP);
      popupOnClick(feature, leaflet, () => popups.zone(feature));
    },
  });

  manager.add({
    id: 'sections', kind: 'analysis', title: '监测断面（水质类别）', titleEn: 'monitoring sections by latest class',
    url: () => '/api/sections',
    pointToLayer: (f, latlng) => L.circleMarker(latlng, {
      radius: pointRadius(f.properties.failing ? 8 : 6.5), color: f.properties.failing ? COLORS.failing : '#fff', weight: f.properties.failing ? 3.5 : 1.6,
      fillColor: COLORS.waterClass[f.properties.water_class] || COLORS.unmonitored, fillOpacity: 1, bubblingMouseEvents: false,
    }),
    onEach: (feature, leaflet) => {
      leaflet.bindTooltip(esc(feature.properties.name), { className: 'hover-tip', direction: 'top', offset: [0, -8] });
      popupOnClick(feature, leaflet, () => popups.section(feature), { maxWidth: 320 }, { atClick: false });
    },
  });

  manager.add({
    id: 'signboards', kind: 'analysis', title: '河长公示牌', titleEn: 'signboards (stale ones marked)',
    url: () => '/api/signboards',
    pointToLayer: (f, latlng) => new SquareMarker(latlng, {
      radius: pointRadius(f.properties.stale ? 5.5 : 4.2), color: '#fff', weight: 1.3, bubblingMouseEvents: false, fillOpacity: 1,
      fillColor: f.properties.stale ? COLORS.board.stale : f.properties.far ? COLORS.board.far : COLORS.board.current,
    }),
    onEach: (feature, leaflet) => {
      popupOnClick(feature, leaflet, () => popups.signboard(feature), { maxWidth: 320 }, { atClick: false });
    },
  });

  manager.add({
    id: 'outlets', kind: 'features', collection: 'outlets', title: '入河排污口', titleEn: 'sewage outlets by status',
    pointToLayer: (f, latlng) => new SquareMarker(latlng, {
      radius: pointRadius(4.8), color: '#263238', weight: 1.3, fillColor: COLORS.outletStatus[f.properties.status] || '#999', fillOpacity: 1, bubblingMouseEvents: false,
    }),
    onEach: (feature, leaflet) => {
      leaflet.bindTooltip(esc(feature.properties.name), { className: 'hover-tip', direction: 'top', offset: [0, -6] });
      popupOnClick(feature, leaflet, () => popups.outlet(feature), {}, { atClick: false });
    },
  });

  manager.add({
    id: 'patrolCoverage', kind: 'local', title: '巡河覆盖', titleEn: 'patrolled / unpatrolled stretches', legend: false,
    style: f => ({ color: f.properties.state === 'patrolled' ? COLORS.patrolled : COLORS.unpatrolled, weight: 7, opacity: 0.8, lineCap: 'butt', bubblingMouseEvents: false }),
    onEach: (feature, leaflet) => {
      const p = feature.properties;
      leaflet.bindTooltip(esc(`${p.state === 'patrolled' ? '已巡' : '未巡'} ${p.segment_code} ${Math.round(p.length_m)} m`), LINE_TIP);
    },
  });

  manager.add({
    id: 'patrolTrack', kind: 'local', title: '巡河记录轨迹', titleEn: 'chosen patrol tracks', legend: false,
    style: f => ({ color: COLORS.patrolTrack, weight: 2.5, opacity: 0.9, dashArray: f.properties.valid ? null : '4 4', interactive: false }),
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

  // The white casing under the gaps follows them; the point symbols are redrawn when the zoom changes their size band;
  // the issues layer reloads when an issue was filed or changed.
  manager.onChange(layer => {
    if (layer.id === 'gaps') manager.layers.gapCasing.setFeatures(layer.visible ? layer.features : []);
  });
  let band = pointBand(manager.map);
  manager.map.on('zoomend', () => {
    const now = pointBand(manager.map);
    if (now === band) return;
    band = now;
    for (const id of ['crossings', 'outlets', 'issues', 'demarcation', 'sections', 'signboards']) manager.layers[id].render();
  });
  on(ISSUES_CHANGED, () => manager.layers.issues.refresh(true));
}
