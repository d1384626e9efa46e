// The legend: a toggle per layer with its symbols and the number of features drawn (data-feature-count for tests),
// the levels of segments and areas to show, and the level the analysis layers are computed for; it folds itself
// while the wide panel is open.
/* global L */
import { COLORS, AREA_STYLE, SEGMENT_WEIGHT, swatch } from './styles.js';
import {
  LEVELS, LEVEL, LEVEL_EN, LIGHT, LIGHT_EN, CROSSING_KIND, CROSSING_KIND_EN, GAP_REASON, GAP_REASON_EN, WATER_CLASSES, WATER_CLASS,
  OUTLET_STATUS, OUTLET_STATUS_EN,
} from './labels.js';

const ENTRIES = [
  {
    id: 'areas', icon: () => swatch.area(AREA_STYLE.city.color, COLORS.land, { weight: 2 }),
    sub: () => ['city', 'county', 'township', 'village'].map(l => {
      const s = AREA_STYLE[l];
      return { key: `area-${l}`, level: l, group: 'areaLevels', label: `${LEVEL[l]}边界`, en: `${LEVEL_EN[l]} boundary`,
        icon: swatch.line(s.color, { weight: Math.max(1.2, s.weight), dash: s.dashArray }) };
    }),
  },
  { id: 'rivers', icon: () => swatch.line(COLORS.river, { weight: 3 }) },
  {
    id: 'segments', icon: () => swatch.bands(),
    sub: () => [
      ...LEVELS.map(l => ({ key: `seg-${l}`, level: l, group: 'segmentLevels', label: `${LEVEL[l]}河段`, en: `${LEVEL_EN[l]} segments`,
        icon: swatch.line(COLORS.level[l], { weight: Math.min(9, SEGMENT_WEIGHT[l]) }) })),
      { key: 'seg-vacant', label: '河长空缺（虚线）', en: 'vacant: dashed', icon: swatch.line(COLORS.level.township, { weight: 5, dash: '5 3', opacity: 0.7 }) },
    ],
  },
  { id: 'patrols', icon: () => swatch.line(COLORS.patrol, { weight: 2.2, dash: '2 4' }) },
  { id: 'overlaps', icon: () => swatch.line(COLORS.overlap, { weight: 8, opacity: 0.45 }), analysis: true },
  { id: 'crossBoundary', icon: () => swatch.line(COLORS.crossBoundary, { weight: 4, dash: '1 5' }) },
  {
    id: 'gaps', icon: () => swatch.line(COLORS.gap, { weight: 5 }), analysis: true,
    sub: () => ['unassigned', 'vacant'].map(r => ({
      key: `gap-${r}`, label: GAP_REASON[r] + (r === 'vacant' ? '（虚线）' : '（实线）'), en: GAP_REASON_EN[r],
      icon: swatch.line(COLORS.gap, { weight: 5, dash: r === 'vacant' ? '6 4' : null }),
      count: layer => layer.features.filter(f => f.properties.reason === r).length,
    })),
  },
  {
    id: 'crossings', icon: () => swatch.diamond(COLORS.crossing.boundary, '#fff'), analysis: true,
    sub: () => ['boundary', 'entering', 'leaving'].map(k => ({
      key: `crossing-${k}`, label: CROSSING_KIND[k], en: CROSSING_KIND_EN[k], icon: swatch.diamond(COLORS.crossing[k], '#fff'),
      count: layer => layer.features.filter(f => f.properties.kind === k).length,
    })),
  },
  {
    id: 'waterBodies', icon: () => swatch.area(COLORS.zone, COLORS.water),
    sub: () => [
      { key: 'zone', label: '片区（湖长/库长）', en: 'zones with a chief', icon: swatch.area(COLORS.zone, COLORS.water, { dash: '4 3' }) },
      { key: 'zone-vacant', label: '片区空缺', en: 'vacant zones', icon: swatch.area(COLORS.gap, COLORS.water, { dash: '4 3' }) },
    ],
  },
  {
    id: 'sections', icon: () => swatch.circle(COLORS.waterClass.III, '#fff'),
    sub: () => [
      ...WATER_CLASSES.map(c => ({
        key: `class-${c}`, label: WATER_CLASS[c], en: `class ${c}`, icon: swatch.circle(COLORS.waterClass[c], '#fff'),
        count: layer => layer.features.filter(f => f.properties.water_class === c).length,
      })),
      { key: 'class-none', label: '未监测', en: 'not monitored', icon: swatch.circle(COLORS.unmonitored, '#fff'),
        count: layer => layer.features.filter(f => !f.properties.water_class).length },
      { key: 'section-failing', label: '连续不达标（红圈）', en: 'failing in a row', icon: swatch.circle('#fff', COLORS.failing),
        count: layer => layer.features.filter(f => f.properties.failing).length },
    ],
  },
  {
    id: 'outlets', icon: () => swatch.square(COLORS.outletStatus.normal),
    sub: () => Object.keys(OUTLET_STATUS).map(s => ({
      key: `outlet-${s}`, label: OUTLET_STATUS[s], en: OUTLET_STATUS_EN[s], icon: swatch.square(COLORS.outletStatus[s]),
      count: layer => layer.features.filter(f => f.properties.status === s).length,
    })),
  },
  {
    id: 'signboards', icon: () => swatch.square(COLORS.board.current, '#fff'),
    sub: () => [
      { key: 'board-current', label: '信息一致', en: 'up to date', icon: swatch.square(COLORS.board.current, '#fff'),
        count: layer => layer.features.filter(f => !f.properties.stale && !f.properties.far).length },
      { key: 'board-stale', label: '待更新', en: 'stale: chief or phone changed', icon: swatch.square(COLORS.board.stale, '#fff'),
        count: layer => layer.features.filter(f => f.properties.stale).length },
      { key: 'board-far', label: '位置偏离', en: 'far from its segment', icon: swatch.square(COLORS.board.far, '#fff'),
        count: layer => layer.features.filter(f => f.properties.far && !f.properties.stale).length },
    ],
  },
  {
    id: 'issues', icon: () => swatch.circle(COLORS.light.red),
    sub: () => ['red', 'yellow', 'green'].map(l => ({
      key: `light-${l}`, label: LIGHT[l], en: LIGHT_EN[l], icon: swatch.circle(COLORS.light[l]),
      count: layer => layer.features.filter(f => f.properties.light === l).length,
    })),
  },
];

export class Legend {
  /** `root` is the legend box (#legend); `filters` the levels shown and the analysis level (map-layers.js). */
  constructor(root, { layers, filters }) {
    this.root = root;
    this.body = root.querySelector('#legend-body');
    this.button = root.querySelector('#legend-collapse');
    this.layers = layers;
    this.filters = filters;
    this.build();
    layers.onChange(layer => this.update(layer));
    this.button.addEventListener('click', () => this.collapse(!this.collapsed));
    L.DomEvent.disableClickPropagation(root);
    L.DomEvent.disableScrollPropagation(root);
  }

  get collapsed() { return this.root.classList.contains('collapsed'); }

  collapse(collapsed) {
    this.root.classList.toggle('collapsed', collapsed);
    this.button.textContent = collapsed ? '+' : '−';
    this.button.setAttribute('aria-expanded', String(!collapsed));
  }

  /** The wide panel (ledger) leaves little map: the legend folds meanwhile and unfolds afterwards. */
  foldBeside(panel) {
    let folded = false;
    const unfold = () => {
      if (!folded) return;
      folded = false;
      this.collapse(false);
    };
    panel.onShow(wide => {
      if (wide && !this.collapsed) {
        folded = true;
        this.collapse(true);
      } else if (!wide) unfold();
    });
    panel.onClose(unfold);
  }

  build() {
    const { layers } = this.layers;
    const state = this.filters;
    const levelOptions = LEVELS.map(l => `<option value="${l}"${l === state.analysisLevel ? ' selected' : ''}>${LEVEL[l]} ${LEVEL_EN[l]}</option>`).join('');
    let html = `<label class="analysis-level" title="Level the coverage gaps, crossings and overlaps are computed for">分析层级
      <select data-testid="analysis-level" id="analysis-level">${levelOptions}</select></label><ul class="legend-list">`;
    for (const entry of ENTRIES) {
      const layer = layers[entry.id];
      if (!layer) continue;
      const subs = entry.sub ? entry.sub() : [];
      html += `<li class="legend-layer" data-layer="${entry.id}" data-testid="legend-${entry.id}" data-feature-count="0" data-state="idle">
        <label class="legend-row" title="${layer.def.titleEn}">
          <input type="checkbox" data-toggle="${entry.id}" data-testid="toggle-${entry.id}"${layer.visible ? ' checked' : ''}>
          ${entry.icon()}<span class="legend-name">${layer.def.title}${entry.analysis ? ' <span class="lvl-tag" data-level-tag></span>' : ''}</span>
          <span class="count" data-count>·</span>
        </label>`;
      if (subs.length) {
        html += '<ul class="legend-sub">';
        for (const s of subs) {
          const check = s.group
            ? `<input type="checkbox" data-group="${s.group}" data-level="${s.level}"${state[s.group].has(s.level) ? ' checked' : ''}>`
            : '<span class="nocheck"></span>';
          html += `<li data-sub="${s.key}" title="${s.en}"><label>${check}${s.icon}<span>${s.label}</span>`
            + `${s.count ? '<span class="count" data-subcount>·</span>' : ''}</label></li>`;
        }
        html += '</ul>';
      }
      html += '</li>';
    }
    html += '</ul><div class="legend-foot">点击河流或河段查看一河一档；点击空白处可上报问题。<span class="en">Click a river for its profile; click elsewhere to report.</span></div>';
    this.body.innerHTML = html;
    this.subs = new Map(ENTRIES.flatMap(e => (e.sub ? e.sub() : []).map(s => [s.key, { ...s, layer: e.id }])));

    this.body.addEventListener('change', e => {
      const t = e.target;
      if (t.dataset.toggle) layers[t.dataset.toggle].setVisible(t.checked);
      else if (t.dataset.group) this.filters.showLevel(t.dataset.group, t.dataset.level, t.checked);
      else if (t.id === 'analysis-level') this.filters.setAnalysisLevel(t.value);
    });
    for (const layer of this.layers.order) this.update(layer);
  }

  update(layer) {
    const li = this.body.querySelector(`li[data-layer="${layer.id}"]`);
    if (!li) return;
    const count = layer.visible ? layer.rendered : 0;
    li.dataset.featureCount = String(count);
    li.dataset.loadedCount = String(layer.features.length);
    li.dataset.state = layer.error ? 'error' : layer.controller ? 'loading' : 'idle';
    li.classList.toggle('off', !layer.visible);
    li.querySelector('[data-count]').textContent = layer.visible ? String(count) : '–';
    li.querySelector('[data-count]').title = layer.def.kind === 'features'
      ? `${count} 个要素（当前视图） features in view` : `${count} 个要素（全部） features`;
    const tag = li.querySelector('[data-level-tag]');
    if (tag) tag.textContent = LEVEL[this.filters.analysisLevel];
    for (const sub of li.querySelectorAll('[data-sub]')) {
      const def = this.subs.get(sub.dataset.sub);
      const el = sub.querySelector('[data-subcount]');
      if (def?.count && el) el.textContent = layer.visible ? String(def.count(layer)) : '–';
    }
  }
}
