// 问题台账: the issue ledger with filters, light counts, zoom-to-issue and the CSV export of the same filter.
/* global L */
import { fetchJson, esc, problemHtml, withQuery, isAbort } from './api.js';
import { STATUS, LIGHT, date } from './labels.js';
import { lightDot, popups } from './popups.js';

/** "剩 3 天" / "逾期 5 天" for open issues; nothing once closed or rejected. */
export function dueText(p) {
  if (p.status === 'closed' || p.status === 'rejected' || p.days_left === null || p.days_left === undefined) return '';
  return p.days_left >= 0 ? `剩 ${esc(p.days_left)} 天` : `<span class="bad">逾期 ${esc(-p.days_left)} 天</span>`;
}

export class Ledger {
  constructor(app) {
    this.app = app;
    this.controller = null;
    this.rows = [];
  }

  open() {
    const el = this.app.panel.show('ledger', '问题台账', { wide: true });
    if (!el.dataset.built) this.build(el);
    this.refresh();
    return el;
  }

  refreshIfOpen() {
    if (this.app.panel.isOpen('ledger')) this.refresh();
  }

  build(el) {
    el.dataset.built = '1';
    const opt = (map, all) => `<option value="">${all}</option>` + Object.entries(map).map(([k, v]) => `<option value="${k}">${v}</option>`).join('');
    const categories = `<option value="">全部类别</option>` + this.app.categories.map(c => `<option value="${esc(c.code)}">${esc(c.label)}</option>`).join('');
    el.innerHTML = `
      <div class="ledger" data-testid="ledger">
        <form class="filters" data-testid="ledger-filters">
          <label>状态<select name="status" data-testid="filter-status">${opt(STATUS, '全部状态')}</select></label>
          <label>红黄绿灯<select name="light" data-testid="filter-light">${opt(LIGHT, '全部')}</select></label>
          <label>类别<select name="category" data-testid="filter-category">${categories}</select></label>
          <label>区域编码<input name="area_code" list="area-codes" placeholder="如 LI-11" data-testid="filter-area" size="10"></label>
          <label>上报自<input type="date" name="from" data-testid="filter-from"></label>
          <label>至<input type="date" name="to" data-testid="filter-to"></label>
          <button type="reset" class="secondary" data-testid="ledger-reset">清除</button>
          <datalist id="area-codes"></datalist>
        </form>
        <div class="ledger-bar">
          <div class="lights" data-testid="ledger-lights">
            <span class="light-count" data-light="red">${lightDot('red')}红灯 <strong>0</strong></span>
            <span class="light-count" data-light="yellow">${lightDot('yellow')}黄灯 <strong>0</strong></span>
            <span class="light-count" data-light="green">${lightDot('green')}绿灯 <strong>0</strong></span>
            <span class="muted total" data-testid="ledger-total"></span>
          </div>
          <a class="button secondary" data-testid="ledger-csv" href="/api/issues/export.csv" download>导出 CSV</a>
        </div>
        <div class="table-wrap"><table class="ledger-table" data-testid="ledger-table">
          <thead><tr><th title="light">灯</th><th>编号</th><th>类别 / 状态</th><th>问题描述</th><th>责任河长</th><th>区域 / 河流</th><th>上报时间</th><th>整改期限</th></tr></thead>
          <tbody></tbody></table></div>
        <div class="ledger-msg"></div>
        <div class="issue-actions" data-testid="issue-actions" hidden></div>
      </div>`;
    const form = el.querySelector('form');
    let timer = null;
    form.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => this.refresh(), 200); });
    form.addEventListener('reset', () => setTimeout(() => this.refresh(), 0));
    form.addEventListener('submit', e => { e.preventDefault(); this.refresh(); });
    el.querySelector('tbody').addEventListener('click', e => {
      const tr = e.target.closest('tr[data-issue-id]');
      if (tr) this.focus(tr.dataset.issueId);
    });
  }

  /** The ledger's query parameters; dates are whole local days (the API compares instants). */
  params() {
    const el = this.app.panel.view('ledger');
    const f = Object.fromEntries(new FormData(el.querySelector('form')));
    const day = (d, end) => (d ? new Date(`${d}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString() : null);
    return {
      status: f.status, light: f.light, category: f.category, area_code: f.area_code?.trim(),
      from: day(f.from, false), to: day(f.to, true),
    };
  }

  async refresh() {
    const el = this.app.panel.view('ledger');
    if (!el) return;
    const params = this.params();
    el.querySelector('[data-testid=ledger-csv]').href = withQuery('/api/issues/export.csv', params);
    const datalist = el.querySelector('#area-codes');
    datalist.innerHTML = [...this.app.areaNames].map(([code, name]) => `<option value="${esc(code)}">${esc(name)}</option>`).join('');
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const ledger = el.querySelector('.ledger');
    ledger.dataset.state = 'loading';
    try {
      const { data } = await fetchJson(withQuery('/api/issues', params), { signal: controller.signal });
      if (controller !== this.controller) return;
      this.render(el, data);
      ledger.dataset.state = 'ready';
    } catch (e) {
      if (isAbort(e) || controller !== this.controller) return;
      ledger.dataset.state = 'error';
      el.querySelector('.ledger-msg').innerHTML = problemHtml(e);
    }
  }

  render(el, data) {
    this.rows = data.features || [];
    for (const light of ['red', 'yellow', 'green']) {
      el.querySelector(`.light-count[data-light=${light}] strong`).textContent = String(data.lights?.[light] ?? 0);
    }
    el.querySelector('.total').textContent = `共 ${data.number_matched} 条${data.number_returned < data.number_matched ? `，显示 ${data.number_returned} 条` : ''}`;
    el.querySelector('.ledger-msg').innerHTML = this.rows.length ? '' : '<p class="muted empty">没有符合条件的问题 no issues match</p>';
    el.querySelector('tbody').innerHTML = this.rows.map(f => {
      const p = f.properties;
      const reported = p.reported_at ? new Date(p.reported_at) : null;
      return `<tr data-issue-id="${esc(f.id)}" data-testid="ledger-row" data-light="${esc(p.light)}" class="clickable" title="点击定位 click to zoom">
        <td>${lightDot(p.light)}</td><td class="num">#${esc(f.id)}</td>
        <td class="nowrap">${esc(p.category_label)}<div class="status status-${esc(p.status)}">${esc(p.status_label)}</div></td>
        <td class="desc"><div title="${esc(p.description)}">${esc(p.description)}</div></td>
        <td class="nowrap">${p.chief ? `${esc(p.chief.name)}<div class="muted">${esc(p.chief.phone || '')}</div>` : '<span class="badge vacant">未交办</span>'}</td>
        <td>${esc(this.app.areaName(p.area_code) || p.area_code || '—')}<div class="muted small">${esc(p.river_code || '')}</div></td>
        <td class="nowrap">${reported ? `${date(p.reported_at)}<div class="muted">${reported.toTimeString().slice(0, 5)}</div>` : '—'}</td>
        <td class="nowrap deadline-${esc(p.light)}">${date(p.deadline)}<div class="muted">${dueText(p)}</div></td>
      </tr>`;
    }).join('');
  }

  focus(id) {
    const f = this.rows.find(r => String(r.id) === String(id));
    if (!f) return;
    const el = this.app.panel.view('ledger');
    el.querySelectorAll('tr.current').forEach(x => x.classList.remove('current'));
    el.querySelector(`tr[data-issue-id="${CSS.escape(String(id))}"]`)?.classList.add('current');
    const [lon, lat] = f.geometry.coordinates;
    const map = this.app.map;
    this.app.centerInView(L.latLng(lat, lon), Math.max(map.getZoom(), 14));
    const { paddingTopLeft, paddingBottomRight } = this.app.fitPadding();
    L.popup({ className: 'rg-popup', maxWidth: 320, offset: [0, -4], autoPanPaddingTopLeft: L.point(paddingTopLeft), autoPanPaddingBottomRight: L.point(paddingBottomRight) })
      .setLatLng([lat, lon]).setContent(popups.issue(f)).openOn(map);
    this.showActions(id);
  }

  /** 处理: the issue's history and the lifecycle actions it allows now (交办 → 整改 → 验收 → 销号). */
  async showActions(id) {
    const box = this.app.panel.view('ledger').querySelector('.issue-actions');
    box.hidden = false;
    box.dataset.state = 'loading';
    let issue;
    try {
      ({ data: issue } = await fetchJson(`/api/issues/${encodeURIComponent(id)}`));
    } catch (e) {
      box.innerHTML = problemHtml(e);
      box.dataset.state = 'error';
      return;
    }
    const p = issue.properties;
    const chiefs = [p.chief, ...(p.chain || [])].filter(Boolean).filter(c => c.role === 'chief' || c === p.chief);
    const chiefOptions = chiefs.map(c => `<option value="${esc(c.id)}">${esc(c.name)}（${esc(c.area_name || c.area_code)}）</option>`).join('');
    const actions = p.allowed_actions || [];
    box.innerHTML = `
      <h3>处理 #${esc(issue.id)} <span class="status status-${esc(p.status)}">${esc(p.status_label)}</span></h3>
      <ol class="history" data-testid="issue-history">${(p.events || []).map(e => `
        <li><span class="muted">${date(e.at)} ${new Date(e.at).toTimeString().slice(0, 5)}</span>
          ${esc(ACTION[e.action] || e.action)} · ${esc(e.actor)}${e.note ? ` — ${esc(e.note)}` : ''}</li>`).join('')}</ol>
      ${actions.length ? `<form class="transition" data-testid="issue-transition">
        <label>操作<select name="action" data-testid="transition-action">${actions.map(a => `<option value="${esc(a)}">${esc(ACTION[a] || a)}</option>`).join('')}</select></label>
        <label class="chief-field">河长<select name="chief_id" data-testid="transition-chief">${chiefOptions}</select></label>
        <label>操作人<input name="actor" required placeholder="如 县河长办" data-testid="transition-actor"></label>
        <label class="wide">说明 / 理由<textarea name="note" rows="2" placeholder="改派、退回、不予受理须说明理由" data-testid="transition-note"></textarea></label>
        <button type="submit" class="primary" data-testid="transition-submit">提交</button>
        <div class="transition-msg"></div>
      </form>` : '<p class="muted">已办结，无可用操作 finished</p>'}`;
    box.dataset.state = 'ready';
    const form = box.querySelector('form');
    if (!form) return;
    const toggleChief = () => {
      const needs = ['assign', 'reassign'].includes(form.action.value);
      form.querySelector('.chief-field').hidden = !needs;
    };
    form.action.addEventListener('change', toggleChief);
    toggleChief();
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const f = Object.fromEntries(new FormData(form));
      const body = { action: f.action, actor: f.actor, note: f.note || null, chief_id: ['assign', 'reassign'].includes(f.action) ? f.chief_id : null };
      try {
        await fetchJson(`/api/issues/${encodeURIComponent(id)}/transitions`, {
          method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' },
        });
        await this.refresh();
        this.app.layers.layers.issues.refresh(true);
        await this.showActions(id);
      } catch (err) {
        form.querySelector('.transition-msg').innerHTML = err.problem?.message_zh
          ? `<div class="problem"><strong>${esc(err.problem.message_zh)}</strong><div class="muted">${esc(err.problem.detail || '')}</div></div>`
          : problemHtml(err);
      }
    });
  }
}

/** Lifecycle actions and history entries, in the office's words. */
const ACTION = {
  report: '上报',
  assign: '交办',
  reassign: '改派',
  start_rectification: '开始整改',
  submit_for_verification: '提交验收',
  pass_verification: '验收通过（销号）',
  fail_verification: '验收不通过（退回）',
  reject: '不予受理',
};
