// 巡河: patrol compliance of an area for a calendar period (shortfalls in red), a chief's patrols and the stretches
// patrolled and not patrolled on the map, and a GPX/GeoJSON track uploaded from the page. A wide panel view at #/patrols.
import { fetchJson, esc, problemHtml, withQuery, isAbort } from './api.js';
import { LEVEL, ROLE, PATROL_REASON, COMPLIANCE, levelLabel, km, pct, dateTime, thisMonth } from './labels.js';

const MEDIA_TYPES = { gpx: 'application/gpx+xml', geojson: 'application/geo+json', json: 'application/geo+json' };

export class Patrols {
  view = { name: 'patrols', kind: 'panel', title: '巡河', wide: true, roles: ['office', 'admin'], tool: { label: '巡河', icon: 'ledger', title: 'Patrols: compliance, coverage, upload', testid: 'open-patrols' } };

  constructor({ layers, focus, catalog }) {
    Object.assign(this, { layers: layers.layers, focus, catalog });
    this.controller = null;
  }

  enter(el) {
    this.el = el;
    if (!el.dataset.built) this.build(el);
    this.refresh();
  }

  leave() {
    this.layers.patrolCoverage.setFeatures([]);
    this.layers.patrolTrack.setFeatures([]);
  }

  build(el) {
    el.dataset.built = '1';
    const options = (map, all) => `<option value="">${all}</option>` + Object.entries(map).map(([k, v]) => `<option value="${k}">${v}</option>`).join('');
    el.innerHTML = `
      <div class="patrols" data-testid="patrols">
        <form class="filters" data-testid="patrol-filters">
          <label>期间<input name="period" value="${thisMonth()}" size="9" placeholder="2026-11 / 2026-Q4" data-testid="patrol-period"
            title="月 2026-11，季度 2026-Q4，年 2026，旬 2026-11-X2，周 2026-W48"></label>
          <label>区域编码<input name="area_code" list="patrol-areas" size="10" data-testid="patrol-area"></label>
          <label>级别<select name="level" data-testid="patrol-level">${options(LEVEL, '全部级别')}</select></label>
          <label>类别<select name="role" data-testid="patrol-role">${options(ROLE, '全部')}</select></label>
          <datalist id="patrol-areas"></datalist>
        </form>
        <div class="ledger-bar">
          <div class="muted" data-testid="patrol-summary"></div>
          <span><a class="button secondary" data-testid="patrol-csv" download>导出 CSV</a>
            <a class="button secondary" data-testid="patrol-xlsx" download>导出 Excel</a></span>
        </div>
        <div class="table-wrap"><table class="ledger-table" data-testid="patrol-table">
          <thead><tr><th>河长</th><th>级别</th><th>区域</th><th>规则</th><th>有效</th><th>无效</th><th>各旬</th><th>状态</th><th>差额</th></tr></thead>
          <tbody></tbody></table></div>
        <div class="patrol-msg"></div>
        <section class="patrol-upload">
          <h3>上传巡河轨迹 <span class="en">upload a GPX or GeoJSON track</span></h3>
          <label>河长编号 <input name="chief_id" size="14" data-testid="patrol-upload-chief" placeholder="河长 id"></label>
          <label class="file-drop"><input type="file" accept=".gpx,.geojson,.json,application/gpx+xml,application/geo+json" data-testid="patrol-file">
            <span class="file-label">选择轨迹文件… <span class="en">choose a .gpx or .geojson file</span></span></label>
          <div class="patrol-result" data-testid="patrol-result" data-state="empty"></div>
        </section>
        <div class="patrol-chief" data-testid="patrol-chief"></div>
      </div>`;
    const form = el.querySelector('form');
    let timer = null;
    form.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => this.refresh(), 300); });
    form.addEventListener('submit', e => { e.preventDefault(); this.refresh(); });
    el.querySelector('tbody').addEventListener('click', e => {
      const tr = e.target.closest('tr[data-chief]');
      if (tr) this.showChief(tr.dataset.chief, this.params().period);
    });
    const input = el.querySelector('input[type=file]');
    input.addEventListener('change', () => this.upload(input.files[0], el.querySelector('[name=chief_id]').value.trim()));
  }

  params() {
    const f = Object.fromEntries(new FormData(this.el.querySelector('form')));
    return { period: f.period?.trim(), area_code: f.area_code?.trim(), level: f.level, role: f.role };
  }

  async refresh() {
    const { el } = this;
    const params = this.params();
    el.querySelector('[data-testid=patrol-csv]').href = withQuery('/api/patrols/compliance', { ...params, format: 'csv' });
    el.querySelector('[data-testid=patrol-xlsx]').href = withQuery('/api/patrols/compliance', { ...params, format: 'xlsx' });
    el.querySelector('#patrol-areas').innerHTML = [...this.catalog.areaNames].map(([code, name]) => `<option value="${esc(code)}">${esc(name)}</option>`).join('');
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const root = el.querySelector('.patrols');
    root.dataset.state = 'loading';
    try {
      const { data } = await fetchJson(withQuery('/api/patrols/compliance', params), { signal: controller.signal });
      if (controller !== this.controller) return;
      this.render(data);
      root.dataset.state = 'ready';
    } catch (e) {
      if (isAbort(e) || controller !== this.controller) return;
      root.dataset.state = 'error';
      el.querySelector('.patrol-msg').innerHTML = problemHtml(e);
    }
  }

  render(data) {
    const { el } = this;
    const s = data.summary;
    el.querySelector('[data-testid=patrol-summary]').innerHTML = `${esc(data.period_label)}：达标 <strong>${s.compliant}</strong> / ${s.chiefs} 名河长（${pct(s.compliant_percent)}）`
      + s.by_level.map(l => ` · ${esc(l.level_label)} ${pct(l.compliant_percent)}`).join('');
    el.querySelector('.patrol-msg').innerHTML = data.chiefs.length ? '' : '<p class="muted empty">没有需巡河的河长 no chiefs in scope</p>';
    el.querySelector('tbody').innerHTML = data.chiefs.map(c => `
      <tr data-chief="${esc(c.chief_id)}" data-testid="patrol-row" data-status="${esc(c.status)}" class="clickable compliance-${esc(c.status)}" title="点击查看巡河轨迹与覆盖">
        <td class="nowrap">${esc(c.name)}<div class="muted small">${esc(c.chief_id)}</div></td>
        <td>${esc(levelLabel(c.level))}${c.role === 'general' ? '<div class="muted small">总河长</div>' : ''}</td>
        <td>${esc(c.area_name)}</td>
        <td class="small">${esc(c.rule)}</td>
        <td class="num">${c.valid_patrols}</td><td class="num">${c.invalid_patrols}</td>
        <td class="small nowrap">${(c.xun_counts || []).map(x => `<span class="${x.valid < x.required ? 'bad' : ''}">${esc(x.label.slice(-2))}${x.valid}</span>`).join(' ')}</td>
        <td class="nowrap status-${esc(c.status)}">${esc(COMPLIANCE[c.status] || c.status)}</td>
        <td class="num ${c.shortfall > 0 ? 'bad' : ''}" data-testid="patrol-shortfall">${c.shortfall > 0 ? `差 ${c.shortfall} 次` : '—'}</td>
      </tr>`).join('');
  }

  /** A chief's patrols of the period and the stretches of the chief's segments patrolled and not. */
  async showChief(chiefId, period) {
    const { el } = this;
    const box = el.querySelector('.patrol-chief');
    box.dataset.state = 'loading';
    try {
      const [{ data: coverage }, { data: compliance }] = await Promise.all([
        fetchJson(withQuery('/api/patrols/coverage', { period, chief_id: chiefId, include_patrolled: true })),
        fetchJson(withQuery('/api/patrols/compliance', { period, chief_id: chiefId })),
      ]);
      const { from, to } = compliance;
      const { data: ledger } = await fetchJson(withQuery('/api/patrols', { chief_id: chiefId, from, to: new Date(new Date(to).getTime() - 1).toISOString(), limit: 200 }));
      this.layers.patrolCoverage.setFeatures(coverage.features);
      this.layers.patrolTrack.setFeatures(ledger.features.map(f => ({ ...f, properties: { valid: f.properties.valid } })));
      const rows = coverage.segments.map(s => `<li data-testid="patrol-segment">${esc(s.segment_name || s.segment_code)}：${km(s.length_m)}，已巡 <strong>${pct(s.patrolled_percent)}</strong>（${s.patrols} 次有效巡河）</li>`).join('');
      const patrols = ledger.features.map(f => {
        const p = f.properties;
        return `<li class="${p.valid ? '' : 'bad'}">${esc(dateTime(p.started_at))} · ${km(p.length_m)} · ${Math.round(p.duration_min)} 分钟 · ${p.valid ? '有效' : `无效：${p.reasons.map(r => esc(PATROL_REASON[r] || r)).join('、')}`}</li>`;
      }).join('');
      box.innerHTML = `<h3>${esc(compliance.chiefs[0]?.name || chiefId)} · ${esc(compliance.period_label)}</h3>
        <ul class="list">${rows || '<li class="muted">无责任河段</li>'}</ul><ul class="list small">${patrols || '<li class="muted">本期无巡河记录</li>'}</ul>`;
      box.dataset.state = 'ready';
      const geometries = [...coverage.features, ...ledger.features].map(f => f.geometry).filter(Boolean);
      if (geometries.length) this.focus.zoomTo({ type: 'GeometryCollection', geometries });
    } catch (e) {
      box.dataset.state = 'error';
      box.innerHTML = problemHtml(e);
    }
  }

  /** Uploads a track (an office's upload names the chief); shows the verdict and the chief's coverage for that month. */
  async upload(file, chiefId) {
    const box = this.el.querySelector('.patrol-result');
    if (!file) return;
    box.dataset.state = 'uploading';
    box.innerHTML = '<div class="loading">正在上传…</div>';
    const type = MEDIA_TYPES[file.name.split('.').pop().toLowerCase()] || 'application/gpx+xml';
    try {
      const { data } = await fetchJson(withQuery('/api/patrols', { chief_id: type === 'application/gpx+xml' ? chiefId : null }), {
        method: 'POST', body: type === 'application/gpx+xml' ? file : await withChief(file, chiefId), headers: { 'Content-Type': type },
      });
      const p = data.properties;
      box.dataset.state = 'done';
      box.dataset.valid = String(p.valid);
      box.innerHTML = `<div class="verdict ${p.valid ? 'ok' : 'bad'}" data-testid="patrol-verdict">${p.valid ? '✓ 有效巡河' : '✗ 无效巡河'}
          ${p.valid ? '' : `：${p.reason_labels.map(esc).join('、')}`}</div>
        <div class="muted">${esc(p.chief_name || p.chief_id)} · ${esc(dateTime(p.started_at))} · ${km(p.length_m)} · ${Math.round(p.duration_min)} 分钟 · 沿责任河段 ${pct(p.own_share_percent)}</div>`;
      const month = thisMonth(new Date(p.started_at));
      this.el.querySelector('[name=period]').value = month;
      await this.refresh();
      await this.showChief(p.chief_id, month);
    } catch (e) {
      box.dataset.state = 'error';
      box.innerHTML = problemHtml(e);
    }
  }
}

/** A GeoJSON track with the chief named in its properties (an office uploads for a chief). */
async function withChief(file, chiefId) {
  const text = await file.text();
  if (!chiefId) return text;
  try {
    const feature = JSON.parse(text);
    const target = feature.type === 'FeatureCollection' && feature.features?.length === 1 ? feature.features[0] : feature;
    target.properties = { ...(target.properties || {}), chief_id: chiefId };
    return JSON.stringify(feature);
  } catch {
    return text;
  }
}
