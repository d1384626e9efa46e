// 在此上报问题: report a problem at a point — who is responsible (GET /api/responsible) and the form (POST /api/issues).
// A panel view at #/report/<lon>,<lat> (a link or a QR code can open the form for a place).
/* global L */
import { fetchJson, esc, problemHtml, isAbort, newKey, withQuery, ApiError } from './api.js';
import {
  levelLabel, ROLE, ESCALATION, CANDIDATE_REASON, SOURCE, STATUS, LIGHT, date, km, LEVEL, dueText,
} from './labels.js';
import { lightDot, phoneLink } from './popups.js';
import { emit, ISSUES_CHANGED } from './events.js';

/** The view's argument for a point: "lon,lat" to 6 decimals (about 0.1 m). */
export function reportArg(latlng) {
  const r = v => Math.round(v * 1e6) / 1e6;
  return `${r(latlng.lng)},${r(latlng.lat)}`;
}

function parsePoint(arg) {
  const [lon, lat] = String(arg ?? '').split(',').map(v => (v.trim() === '' ? NaN : Number(v)));
  return Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90 ? { lon, lat } : null;
}

function chiefLine(c, catalog, { block = false } = {}) {
  if (!c) return '<span class="muted">—</span>';
  const area = catalog.areaName(c.area_code);
  const where = `<span class="muted area">${esc(area || '')} <code>${esc(c.area_code)}</code></span>`;
  return `<strong>${esc(c.name)}</strong> <span class="lvl lvl-${esc(c.level)}">${esc(levelLabel(c.level))}${esc(ROLE[c.role] || c.role)}</span>`
    + ` ${phoneLink(c.phone)}${block ? `<div>${where}</div>` : ` ${where}`}`;
}

export class Report {
  view = { name: 'report', kind: 'panel', title: '在此上报问题' };

  /** `nav`: the navigation shell (open another view, close the panel). */
  constructor({ map, catalog, nav }) {
    Object.assign(this, { map, catalog, nav });
    this.marker = null;
    this.controller = null;
  }

  leave() { this.clearMarker(); }

  clearMarker() {
    this.marker?.remove();
    this.marker = null;
  }

  /** Opens the form for the route's point: drops a pin, asks who is responsible there, offers the form. */
  async enter(el, route) {
    this.map.closePopup();
    this.clearMarker();
    this.controller?.abort();
    const point = parsePoint(route.arg);
    if (!point) {
      el.dataset.state = 'error';
      el.innerHTML = `<div class="problem"><strong>位置无效</strong> <code>${esc(route.arg ?? '')}</code>`
        + ' <span class="en">expected lon,lat</span></div>';
      return;
    }
    const { lon, lat } = point;
    this.point = point;
    this.key = newKey(); // one key per form: a double click or a retry never files twice
    this.marker = L.marker([lat, lon], {
      icon: L.divIcon({ className: 'report-pin', html: '<span></span>', iconSize: [26, 34], iconAnchor: [13, 32] }),
      interactive: false, keyboard: false,
    }).addTo(this.map);

    el.dataset.state = 'routing';
    const categories = this.catalog.categories.map(c => `<option value="${esc(c.code)}">${esc(c.label)}（${c.deadline_days}天内整改）</option>`).join('');
    const sources = Object.entries(SOURCE).map(([code, label]) => `<option value="${code}"${code === 'public' ? ' selected' : ''}>${label}</option>`).join('');
    el.innerHTML = `
      <div class="report" data-testid="report-panel" data-lon="${lon}" data-lat="${lat}">
        <div class="coords">位置 <code data-testid="report-coords">${lon.toFixed(6)}, ${lat.toFixed(6)}</code> <span class="en">lon, lat</span></div>
        <section class="responsible" data-testid="responsible" data-state="loading"><div class="loading">正在查询责任河长…</div></section>
        <form class="report-form" data-testid="report-form" novalidate>
          <label>问题类别 <span class="en">category</span>
            <select name="category" data-testid="report-category" required>${categories}</select></label>
          <label>问题描述 <span class="en">description</span>
            <textarea name="description" rows="3" maxlength="2000" required data-testid="report-description" placeholder="例如：河道右岸堆放建筑垃圾约 20 立方米"></textarea></label>
          <div class="two">
            <label>来源 <span class="en">source</span><select name="source" data-testid="report-source">${sources}</select></label>
            <label>上报人 <span class="en">name, optional</span><input name="reporter_name" maxlength="100" data-testid="report-name"></label>
          </div>
          <label>联系方式（选填，不公开） <span class="en">contact, optional</span>
            <input name="reporter_contact" maxlength="200" data-testid="report-contact" placeholder="手机号或邮箱"></label>
          <div class="form-actions">
            <button type="submit" class="primary" data-testid="report-submit">提交上报</button>
            <button type="button" class="secondary" data-action="cancel">取消</button>
          </div>
          <div class="form-result" data-testid="report-result-area"></div>
        </form>
      </div>`;
    const form = el.querySelector('form');
    form.addEventListener('submit', e => { e.preventDefault(); this.submit(form); });
    form.querySelector('[data-action=cancel]').addEventListener('click', () => this.nav.close());
    const key = this.key;
    await this.findResponsible(el.querySelector('.responsible'), lon, lat);
    if (this.key === key) el.dataset.state = 'ready'; // not when the form was opened anew meanwhile
  }

  async findResponsible(box, lon, lat) {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    try {
      const { data } = await fetchJson(withQuery('/api/responsible', { lon, lat }), { signal: controller.signal });
      if (controller !== this.controller) return;
      this.responsible = data;
      box.innerHTML = this.responsibleHtml(data);
      box.dataset.state = 'ready';
    } catch (e) {
      if (isAbort(e) || controller !== this.controller) return;
      this.responsible = null;
      box.dataset.state = 'error';
      box.innerHTML = e instanceof ApiError && e.status === 404
        ? `<div class="problem soft"><strong>此处无责任河长</strong><div>${esc(e.problem?.detail || '')}</div>`
          + '<div class="muted">仍可上报，问题将登记但无法自动交办。</div></div>'
        : problemHtml(e);
    }
  }

  responsibleHtml(d) {
    const { catalog } = this;
    const notes = [];
    if (d.escalated) {
      const skipped = (d.skipped_levels || []).map(s => `${esc(LEVEL[s.level] || s.level)}${s.reason === 'vacant' ? '河长空缺' : '未划分'}`
        + (s.segment_code ? `（<code>${esc(s.segment_code)}</code>）` : '')).join('，');
      notes.push(`<div class="escalation" data-testid="escalation"><strong>已上溯</strong> ${esc(ESCALATION[d.escalation_reason] || d.escalation_reason || '')}`
        + `${skipped ? `<div class="muted">${skipped}</div>` : ''}</div>`);
    }
    if (d.general_chief_fallback) notes.push('<div class="note">无可交办的河段河长，由所在区域总河长兜底负责 <span class="en">general chief as fallback</span></div>');
    if (d.off_river) notes.push(`<div class="note">该点距最近河道 ${km(d.distance_m)}，不在河道上 <span class="en">off river</span></div>`);
    const candidates = (d.candidates || []).length
      ? `<div class="candidates" data-testid="candidates"><div class="sub-title">边界附近的其他可能责任人 <span class="en">candidates</span></div><ul>`
        + d.candidates.map(c => `<li>${c.chief ? chiefLine(c.chief, catalog) : '<span class="badge vacant">无人负责</span>'}`
          + ` <span class="muted">· ${esc(CANDIDATE_REASON[c.why] || c.why)} · <code>${esc(c.segment_code || c.river_code)}</code> · ${km(c.distance_m)}</span></li>`).join('')
        + '</ul></div>'
      : '';
    const chain = (d.chain || []).length
      ? `<details class="chain"><summary>上级河长链 ${d.chain.length} 人 <span class="en">escalation chain</span></summary><ol>`
        + d.chain.map(c => `<li>${chiefLine(c, catalog)}</li>`).join('') + '</ol></details>'
      : '';
    const where = d.river_name
      ? `${esc(d.river_name)} <code>${esc(d.river_code)}</code>${d.segment_code ? ` · 河段 <code>${esc(d.segment_code)}</code>` : ''} · 距河道 ${km(d.distance_m)}`
      : `<span class="muted">附近无河流</span>`;
    return `<div class="sub-title">责任河长 <span class="en">responsible chief</span></div>
      <div class="chief-card" data-testid="responsible-chief" data-chief-id="${esc(d.chief?.id || '')}">${d.chief ? chiefLine(d.chief, catalog, { block: true }) : '<span class="badge vacant">无</span>'}</div>
      <div class="where">${where}</div>${notes.join('')}${candidates}${chain}`;
  }

  async submit(form) {
    const result = form.querySelector('.form-result');
    const button = form.querySelector('[type=submit]');
    const values = Object.fromEntries(new FormData(form));
    const properties = {
      category: values.category,
      description: (values.description || '').trim(),
      source: values.source,
    };
    if (values.reporter_name?.trim()) properties.reporter_name = values.reporter_name.trim();
    if (values.reporter_contact?.trim()) properties.reporter_contact = values.reporter_contact.trim();
    const feature = { type: 'Feature', geometry: { type: 'Point', coordinates: [this.point.lon, this.point.lat] }, properties };
    button.disabled = true;
    result.innerHTML = '<div class="loading">正在提交…</div>';
    try {
      const { data } = await fetchJson('/api/issues', {
        method: 'POST',
        body: JSON.stringify(feature),
        headers: { 'Content-Type': 'application/geo+json', 'Idempotency-Key': this.key },
      });
      this.confirm(form, data);
      emit(ISSUES_CHANGED, { id: data.id });
    } catch (e) {
      button.disabled = false;
      result.innerHTML = problemHtml(e);
    }
  }

  confirm(form, issue) {
    const p = issue.properties;
    const chief = p.chief;
    form.querySelectorAll('input, select, textarea, button[type=submit]').forEach(x => { x.disabled = true; });
    form.querySelector('[data-action=cancel]').textContent = '关闭';
    form.querySelector('.form-result').innerHTML = `
      <div class="confirmation" data-testid="report-result" data-issue-id="${esc(issue.id)}" data-chief-id="${esc(p.chief_id || '')}">
        <div class="confirm-title">✓ 已上报，编号 <strong>#${esc(issue.id)}</strong></div>
        <table class="kv">
          <tr><th>类别</th><td>${esc(p.category_label)}</td></tr>
          <tr><th>状态</th><td>${lightDot(p.light)} ${esc(p.status_label || STATUS[p.status])} · ${esc(p.light_label || LIGHT[p.light])}</td></tr>
          <tr><th>责任河长</th><td data-testid="report-result-chief">${chief ? chiefLine(chief, this.catalog, { block: true }) : '<span class="badge vacant">未能自动交办</span>'}</td></tr>
          <tr><th>整改期限</th><td data-testid="report-result-deadline">${date(p.deadline)}（${dueText(p)}）</td></tr>
        </table>
        ${(p.possible_duplicates || []).length ? `<div class="note">可能与 ${p.possible_duplicates.map(id => `#${esc(id)}`).join('、')} 重复</div>` : ''}
        ${p.follow_up ? `<div class="note follow-up" data-testid="report-follow-up">请保存查询码，凭它查看办理进度（仅此一次显示）：
          <code data-testid="report-follow-up-token">${esc(p.follow_up.token)}</code>
          <a href="${esc(p.follow_up.status_url)}" target="_blank" rel="noopener" data-testid="report-follow-up-link">查看进度</a></div>` : ''}
        <div class="form-actions"><button type="button" class="secondary" data-action="another">再报一个</button></div>
      </div>`;
    const box = form.querySelector('.confirmation');
    box.querySelector('[data-action=another]').addEventListener('click', () => this.nav.open('report', `${this.point.lon},${this.point.lat}`));
  }
}
