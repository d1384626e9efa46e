// 一河一档: the one-river-one-file profile of a river, a panel view at #/profile/<river code>.
import { fetchJson, esc, problemHtml, isAbort } from './api.js';
import {
  levelLabel, km, pct, GAP_REASON, CROSSING_KIND, PERMIT, OUTLET_KIND, SCALE, LEVEL,
} from './labels.js';
import { phoneLink as tel } from './popups.js';

export class Profile {
  view = { name: 'profile', kind: 'panel', title: '一河一档' };

  /** `filters`: the analysis level (its crossings are unfolded); `focus` zooms to what is clicked in the profile. */
  constructor({ layers, focus, filters }) {
    Object.assign(this, { layers, focus, filters });
    this.controller = null;
    this.targets = [];
  }

  /** Shows the profile of the route's river; `segment` highlights one of its segments, `fit` zooms to the river. */
  async enter(el, route, { segment = null, fit = false } = {}) {
    const code = route.arg;
    this.el = el;
    if (!code) {
      this.clear();
      el.dataset.state = 'error';
      el.innerHTML = '<p class="muted">未指定河流 <span class="en">no river given</span></p>';
      return;
    }
    el.dataset.river = code;
    if (this.code === code && this.data) {
      this.mark(segment);
      this.highlight();
      return;
    }
    this.code = code;
    this.data = null;
    el.dataset.state = 'loading';
    el.innerHTML = `<div class="loading">正在加载 <code>${esc(code)}</code> 的档案…</div>`;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    try {
      const { data } = await fetchJson(`/api/rivers/${encodeURIComponent(code)}/profile`, { signal: controller.signal });
      if (this.controller !== controller) return;
      this.data = data;
      this.render(el, data);
      this.mark(segment);
      this.highlight();
      if (fit && data.geometry) this.focus.zoomTo(data.geometry, { onlyIfHidden: true });
      el.dataset.state = 'ready';
    } catch (e) {
      if (isAbort(e) || this.controller !== controller) return;
      el.dataset.state = 'error';
      el.innerHTML = problemHtml(e);
    }
  }

  leave() { this.clear(); }

  highlight() {
    const layer = this.layers.layers.highlight;
    layer.setFeatures(this.data?.geometry ? [{ type: 'Feature', geometry: this.data.geometry, properties: {} }] : []);
  }

  clear() {
    this.code = null;
    this.data = null;
    this.controller?.abort();
    this.layers.layers.highlight.setFeatures([]);
  }

  mark(segment) {
    const { el } = this;
    el.querySelectorAll('.seg.current').forEach(x => x.classList.remove('current'));
    if (!segment) return;
    const row = el.querySelector(`.seg[data-segment="${CSS.escape(segment)}"]`);
    if (row) {
      row.classList.add('current');
      row.scrollIntoView({ block: 'nearest' });
    }
  }

  target(geometry) {
    this.targets.push(geometry);
    return this.targets.length - 1;
  }

  render(el, d) {
    this.targets = [];
    const requiredLevels = d.levels.filter(l => (l.required && l.required_m > 0) || l.segments.length);
    const crossBoundary = (this.layers.layers.crossBoundary.features || []).filter(f => f.properties.river_code === d.code);

    const coverage = requiredLevels.map(l => {
      const p = l.covered_percent;
      const width = p === null || p === undefined ? 0 : Math.max(0, Math.min(100, p));
      const cls = p === null || p === undefined ? 'na' : p >= 99.9 ? 'full' : p >= 80 ? 'mostly' : 'low';
      return `<tr data-level="${esc(l.level)}"><th><span class="lvl lvl-${esc(l.level)}">${esc(levelLabel(l.level))}</span></th>
        <td class="bar-cell"><div class="bar ${cls}"><span data-width="${width}"></span></div></td>
        <td class="num" data-testid="covered-${esc(l.level)}">${pct(p)}</td>
        <td class="num muted" title="required length 应覆盖长度">${l.required_m ? km(l.required_m) : '—'}</td>
        <td class="num ${l.vacant_m ? 'warn' : 'muted'}" title="vacant 空缺">${l.vacant_m ? km(l.vacant_m) : '—'}</td>
        <td class="num ${l.unassigned_m ? 'bad' : 'muted'}" title="unassigned 未划分">${l.unassigned_m ? km(l.unassigned_m) : '—'}</td></tr>`;
    }).join('');

    const segments = d.levels.filter(l => l.segments.length).map(l => `
      <h4><span class="lvl lvl-${esc(l.level)}">${esc(levelLabel(l.level))}</span> ${l.segments.length} 段</h4>
      <ul class="list segs">${l.segments.map(s => `
        <li class="seg clickable" data-segment="${esc(s.code)}" data-target="${this.target(s.geometry)}" title="${esc(s.code)}">
          <div class="seg-main"><span class="seg-swatch lvl-${esc(s.level)}"></span>
            <span class="seg-name">${esc(s.name || s.code)}</span><span class="muted num">${km(s.length_m)}</span></div>
          <div class="seg-chief">${s.vacant || !s.chief_id
            ? '<span class="badge vacant">河长空缺</span>'
            : `河长 <strong>${esc(s.chief_name)}</strong> ${tel(s.chief_phone)}`}
            <span class="muted">· ${esc(s.area_name)}</span></div>
        </li>`).join('')}</ul>`).join('') || '<p class="muted">没有河段 no segments</p>';

    const gaps = d.gaps.length ? `<ul class="list">${d.gaps.map(g => `
      <li class="clickable" data-target="${this.target(g.geometry)}">
        <span class="badge ${g.reason === 'vacant' ? 'vacant' : 'bad'}">${esc(GAP_REASON[g.reason] || g.reason)}</span>
        <span class="lvl lvl-${esc(g.level)}">${esc(levelLabel(g.level))}</span> ${esc(g.area_name || g.area_code)}
        <span class="muted">${km(g.from_m)}–${km(g.to_m)}</span> <strong>${km(g.length_m)}</strong></li>`).join('')}</ul>`
      : '<p class="ok-note">无缺口 — 各级均已覆盖 <span class="en">no gaps</span></p>';

    const overlaps = d.overlaps.length ? `<ul class="list">${d.overlaps.map(o => `
      <li class="clickable" data-target="${this.target(o.geometry)}"><span class="lvl lvl-${esc(o.level)}">${esc(levelLabel(o.level))}</span>
        ${(o.segment_codes || []).map(c => `<code>${esc(c)}</code>`).join(' ↔ ')} <strong>${km(o.length_m)}</strong></li>`).join('')}</ul>`
      : '<p class="muted">无重叠 no overlaps</p>';

    const crossingsByLevel = new Map();
    for (const c of d.boundary_crossings) {
      if (!crossingsByLevel.has(c.level)) crossingsByLevel.set(c.level, []);
      crossingsByLevel.get(c.level).push(c);
    }
    const side = s => (s ? `${esc(s.area_name)}${s.chief_id ? `（${esc(s.chief_name)}）` : '（<span class="warn">空缺</span>）'}` : '<span class="muted">区域外</span>');
    const crossings = crossingsByLevel.size ? [...crossingsByLevel].map(([level, list]) => `
      <details${level === this.filters.analysisLevel ? ' open' : ''}><summary><span class="lvl lvl-${esc(level)}">${esc(LEVEL[level] || level)}</span> ${list.length} 处</summary>
      <ul class="list">${list.map(c => `<li class="clickable" data-target="${this.target(c.geometry)}">
        <span class="crossing-kind ${esc(c.kind)}">${esc(CROSSING_KIND[c.kind] || c.kind)}</span> <span class="muted">${km(c.measure_m)}</span>
        ${side(c.upstream)} → ${side(c.downstream)}</li>`).join('')}</ul></details>`).join('')
      : '<p class="muted">无交界断面 no crossings</p>';

    const cross = crossBoundary.length ? `<ul class="list">${crossBoundary.map(f => `
      <li class="clickable" data-target="${this.target(f.geometry)}"><code>${esc(f.properties.segment_code)}</code> 进入
        ${esc(f.properties.entered_area_name)} <strong>${km(f.properties.length_m)}</strong></li>`).join('')}</ul>`
      : '<p class="muted">无跨界部分 none</p>';

    const outlets = d.outlets.length ? `<ul class="list">${d.outlets.map(o => `
      <li class="clickable" data-target="${this.target(o.geometry)}"><span class="badge permit-${esc(o.permit)}">${esc(PERMIT[o.permit] || o.permit)}</span>
        ${esc(o.name)} <span class="muted">${esc(OUTLET_KIND[o.kind] || o.kind)} · ${esc(SCALE[o.scale] || o.scale)} · ${km(o.measure_m)}</span></li>`).join('')}</ul>`
      : '<p class="muted">无入河排污口 none</p>';

    el.innerHTML = `
      <div class="profile" data-testid="profile" data-river="${esc(d.code)}">
        <div class="profile-head clickable" data-target="${this.target(d.geometry)}" title="缩放到河流 zoom to river">
          <div class="profile-name" data-testid="profile-name">${esc(d.name)}</div>
          <div class="profile-meta"><code>${esc(d.code)}</code> <span class="lvl lvl-${esc(d.level)}">${esc(levelLabel(d.level))}河流</span>
            全长 <strong>${km(d.length_m)}</strong>${d.downstream_name ? ` · 汇入 ${esc(d.downstream_name)}` : ''}</div>
        </div>
        <section><h3>各级覆盖率 <span class="en">coverage per level</span></h3>
          <table class="coverage"><thead><tr><th></th><th></th><th>覆盖</th><th>应覆盖</th><th>空缺</th><th>未划分</th></tr></thead>
          <tbody>${coverage}</tbody></table></section>
        <section><h3>河段与河长 <span class="en">segments &amp; chiefs</span></h3>${segments}</section>
        <section><h3>覆盖缺口 <span class="count-pill">${d.gaps.length}</span></h3>${gaps}</section>
        <section><h3>重叠 <span class="count-pill">${d.overlaps.length}</span></h3>${overlaps}</section>
        <section><h3>交界断面 <span class="count-pill">${d.boundary_crossings.length}</span></h3>${crossings}</section>
        <section><h3>跨界部分 <span class="count-pill">${crossBoundary.length}</span></h3>${cross}</section>
        <section><h3>入河排污口 <span class="count-pill">${d.outlets.length}</span></h3>${outlets}</section>
      </div>`;

    // Widths through the DOM, not style attributes, so a Content-Security-Policy may forbid those.
    for (const bar of el.querySelectorAll('.bar [data-width]')) bar.style.width = `${bar.dataset.width}%`;

    el.onclick = e => {
      const item = e.target.closest('[data-target]');
      if (!item || e.target.closest('a')) return;
      const geometry = this.targets[Number(item.dataset.target)];
      if (geometry) this.focus.zoomTo(geometry, { flash: true });
    };
  }
}
