// 问题台账: the issue ledger with filters, light counts, zoom-to-issue and the CSV export of the same filter; a wide
// panel view at #/ledger. The selected issue's history and actions are issue-actions.js.
/* global L */
import { fetchJson, esc, problemHtml, withQuery, isAbort } from './api.js';
import { STATUS, LIGHT, date, dueText } from './labels.js';
import { lightDot, popups } from './popups.js';
import { on, ISSUES_CHANGED } from './events.js';
import { IssueActions } from './issue-actions.js';

export class Ledger {
  // The office's ledger of its area (the API answers in the caller's scope); administrators see every area.
  view = {
    name: 'ledger', kind: 'panel', title: '问题台账', wide: true, roles: ['office', 'admin'],
    tool: { label: '问题台账', icon: 'ledger', title: 'Issue ledger', testid: 'open-ledger' },
  };

  constructor({ mapView, catalog }) {
    Object.assign(this, { mapView, catalog });
    this.controller = null;
    this.rows = [];
    this.shown = false;
    on(ISSUES_CHANGED, () => { if (this.shown) this.refresh(); });
  }

  enter(el) {
    this.el = el;
    this.shown = true;
    if (!el.dataset.built) this.build(el);
    this.refresh();
  }

  leave() { this.shown = false; }

  build(el) {
    el.dataset.built = '1';
    const opt = (map, all) => `<option value="">${all}</option>` + Object.entries(map).map(([k, v]) => `<option value="${k}">${v}</option>`).join('');
    const categories = `<option value="">全部类别</option>` + this.catalog.categories.map(c => `<option value="${esc(c.code)}">${esc(c.label)}</option>`).join('');
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
    this.actions = new IssueActions(el.querySelector('.issue-actions'));
    el.querySelector('tbody').addEventListener('click', e => {
      const tr = e.target.closest('tr[data-issue-id]');
      if (tr) this.focus(tr.dataset.issueId);
    });
  }

  /** The ledger's query parameters; dates are whole local days (the API compares instants). */
  params() {
    const { el } = this;
    const f = Object.fromEntries(new FormData(el.querySelector('form')));
    const day = (d, end) => (d ? new Date(`${d}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString() : null);
    return {
      status: f.status, light: f.light, category: f.category, area_code: f.area_code?.trim(),
      from: day(f.from, false), to: day(f.to, true),
    };
  }

  async refresh() {
    const { el } = this;
    const params = this.params();
    el.querySelector('[data-testid=ledger-csv]').href = withQuery('/api/issues/export.csv', params);
    const datalist = el.querySelector('#area-codes');
    datalist.innerHTML = [...this.catalog.areaNames].map(([code, name]) => `<option value="${esc(code)}">${esc(name)}</option>`).join('');
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
        <td>${esc(this.catalog.areaName(p.area_code) || p.area_code || '—')}<div class="muted small">${esc(p.river_code || '')}</div></td>
        <td class="nowrap">${reported ? `${date(p.reported_at)}<div class="muted">${reported.toTimeString().slice(0, 5)}</div>` : '—'}</td>
        <td class="nowrap deadline-${esc(p.light)}">${date(p.deadline)}<div class="muted">${dueText(p)}</div></td>
      </tr>`;
    }).join('');
  }

  focus(id) {
    const f = this.rows.find(r => String(r.id) === String(id));
    if (!f) return;
    const { el, mapView } = this;
    el.querySelectorAll('tr.current').forEach(x => x.classList.remove('current'));
    el.querySelector(`tr[data-issue-id="${CSS.escape(String(id))}"]`)?.classList.add('current');
    const [lon, lat] = f.geometry.coordinates;
    const { map } = mapView;
    mapView.centerInView(L.latLng(lat, lon), Math.max(map.getZoom(), 14));
    const { paddingTopLeft, paddingBottomRight } = mapView.fitPadding();
    L.popup({ className: 'rg-popup', maxWidth: 320, offset: [0, -4], autoPanPaddingTopLeft: L.point(paddingTopLeft), autoPanPaddingBottomRight: L.point(paddingBottomRight) })
      .setLatLng([lat, lon]).setContent(popups.issue(f)).openOn(map);
    this.actions.show(id);
  }
}
