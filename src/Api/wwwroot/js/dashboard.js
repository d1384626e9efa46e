// 驾驶舱: the office's month at a glance — key figures, lights per unit, problems per month (new vs closed), patrol
// compliance and coverage per level, plan-item progress and a map of the red items — for an area and a month, from
// the monthly report (/api/reports/monthly). A full page at #/dashboard/<area code>. Charts are Apache ECharts from
// npm (wwwroot/lib, loaded when the page is first opened), canvas-drawn, zh-CN, without animation. For offices and
// administrators (the report is theirs): an office sees its own area, an administrator chooses among the top areas.
import { fetchJson, esc, withQuery, problemHtml } from './api.js';
import { session } from './session.js';
import { LEVEL, LIGHT, CATEGORY } from './labels.js';

const ECHARTS = '../lib/echarts/echarts.esm.min.js';
const COLOURS = { red: '#d64541', yellow: '#f0b429', green: '#2e9d5b', blue: '#1f5fa8', grey: '#9aa5b1' };
const LIST = { target: '目标清单', problem: '问题清单', task: '任务清单', responsibility: '责任清单' };

/** The current month in China Standard Time, YYYY-MM. */
function thisMonth() {
  const cst = new Date(Date.now() + 8 * 3600 * 1000);
  return cst.toISOString().slice(0, 7);
}

export class Dashboard {
  view = {
    name: 'dashboard', kind: 'page', title: '驾驶舱', roles: ['office', 'admin'],
    tool: { label: '驾驶舱', icon: 'gauge', title: 'Dashboard', testid: 'open-dashboard' },
  };

  constructor({ nav }) {
    this.nav = nav;
    this.charts = [];
    this.byName = {};
    this.echarts = null;
    this.request = 0;
    window.addEventListener('resize', () => this.charts.forEach(c => c.resize()));
    // Another user: the areas to choose from are rebuilt when the page is next shown.
    session.onChange(() => { if (this.el) delete this.el.dataset.built; });
  }

  async enter(el, route) {
    this.el = el;
    if (!el.dataset.built) await this.build(el);
    const form = el.querySelector('form');
    if (route.arg && [...form.area.options].some(o => o.value === route.arg)) form.area.value = route.arg;
    await this.refresh();
  }

  async build(el) {
    el.dataset.built = '1';
    el.innerHTML = `
      <div class="dashboard" data-testid="dashboard" data-state="loading">
        <header class="dash-head">
          <h2>河长制驾驶舱 <span class="en">dashboard</span></h2>
          <form class="dash-controls" data-testid="dashboard-controls">
            <label>区域<select name="area" data-testid="dashboard-area"></select></label>
            <label>月份<input type="month" name="month" value="${thisMonth()}" data-testid="dashboard-month"></label>
            <a class="button secondary" data-testid="dashboard-xlsx" download>下载月报 XLSX</a>
            <a class="button secondary" data-testid="dashboard-print" target="_blank" rel="noopener">打印月报</a>
          </form>
        </header>
        <div class="dash-msg"></div>
        <div class="kpis" data-testid="dashboard-kpis"></div>
        <div class="dash-grid">
          <section class="dash-card wide"><h3>单位亮灯 <span class="en">lights per unit</span></h3><div class="chart" data-chart="lights"></div></section>
          <section class="dash-card wide"><h3>问题趋势（新增 / 销号） <span class="en">problems per month</span></h3><div class="chart" data-chart="trend"></div></section>
          <section class="dash-card"><h3>巡河达标率 <span class="en">patrol compliance</span></h3><div class="chart" data-chart="patrols"></div></section>
          <section class="dash-card"><h3>河长覆盖率 <span class="en">coverage</span></h3><div class="chart" data-chart="coverage"></div></section>
          <section class="dash-card"><h3>一河一策任务 <span class="en">plan items</span></h3><div class="chart" data-chart="tasks"></div></section>
          <section class="dash-card"><h3>问题类别 <span class="en">by category</span></h3><div class="chart" data-chart="categories"></div></section>
          <section class="dash-card wide tall"><h3>红灯事项分布 <span class="en">red items</span></h3><div class="chart" data-chart="map"></div></section>
        </div>
      </div>`;
    const form = el.querySelector('form');
    form.addEventListener('change', () => this.nav.open('dashboard', form.area.value));
    form.addEventListener('submit', e => e.preventDefault());
    const own = session.role === 'office' ? session.user.area_code : null;
    const areas = own ? await this.area(own) : await this.topAreas();
    form.area.innerHTML = areas.map(a => `<option value="${esc(a.code)}">${esc(a.name)}（${esc(a.code)}）</option>`).join('');
  }

  /** An office's own area (the only one its report covers), with its name. */
  async area(code) {
    const { data } = await fetchJson(withQuery('/features/collections/admin-areas/items', { code, limit: 1 }));
    return data.features.length ? data.features.map(f => f.properties) : [{ code, name: code }];
  }

  /** The areas at the top of each dataset (those whose parent is not loaded): the report's natural roots. */
  async topAreas() {
    const found = [];
    for (const level of ['province', 'city', 'county']) {
      const { data } = await fetchJson(withQuery('/features/collections/admin-areas/items', { level, limit: 500 }));
      found.push(...data.features.map(f => f.properties));
    }
    const codes = new Set(found.map(a => a.code));
    return found.filter(a => !a.parent_code || !codes.has(a.parent_code));
  }

  async refresh() {
    const { el } = this;
    const root = el.querySelector('.dashboard');
    const form = el.querySelector('form');
    const area = form.area.value;
    const month = form.month.value || thisMonth();
    if (!area) return;
    const ticket = ++this.request;
    root.dataset.state = 'loading';
    el.querySelector('.dash-msg').innerHTML = '';
    const url = withQuery('/api/reports/monthly', { area_code: area, month });
    el.querySelector('[data-testid=dashboard-xlsx]').href = withQuery('/api/reports/monthly', { area_code: area, month, format: 'xlsx' });
    el.querySelector('[data-testid=dashboard-print]').href = withQuery('/api/reports/monthly', { area_code: area, month, format: 'html' });
    try {
      const [{ data: report }, children, echarts] = await Promise.all([
        fetchJson(url),
        fetchJson(withQuery('/features/collections/admin-areas/items', { parent_code: area, limit: 1000 })).then(r => r.data),
        this.loadCharts(),
      ]);
      if (ticket !== this.request) return;
      this.report = report;
      this.kpis(report);
      this.draw(echarts, report, children);
      root.dataset.area = area;
      root.dataset.month = month;
      root.dataset.state = 'ready';
    } catch (e) {
      if (ticket !== this.request) return;
      root.dataset.state = 'error';
      el.querySelector('.dash-msg').innerHTML = `<div class="error">读取月报失败 <span class="en">report failed</span>${problemHtml(e)}</div>`;
    }
  }

  /** The data of a chart's series (for the browser tests: what is drawn is what the report says). */
  series(name, index) {
    return this.byName[name]?.getOption().series[index]?.data ?? null;
  }

  async loadCharts() {
    this.echarts ??= await import(ECHARTS);
    return this.echarts;
  }

  kpis(r) {
    const pct = v => (v === null || v === undefined ? '—' : `${Math.round(v * 10) / 10}%`);
    const cards = [
      ['problems-new', '新增问题', r.problems.new, ''],
      ['problems-closed', '销号', r.problems.closed, ''],
      ['problems-overdue', '超期未办结', r.problems.overdue, r.problems.overdue > 0 ? 'red' : ''],
      ['lights-red', '红灯', r.lights.red, r.lights.red > 0 ? 'red' : ''],
      ['lights-yellow', '黄灯', r.lights.yellow, r.lights.yellow > 0 ? 'yellow' : ''],
      ['tasks-done', '任务完成率', pct(r.tasks.done_pct), ''],
      ['vacancies', '河长空缺河段', r.vacancies.length, r.vacancies.length > 0 ? 'red' : ''],
    ];
    this.el.querySelector('.kpis').innerHTML = cards.map(([id, label, value, tone]) =>
      `<div class="kpi ${tone}" data-testid="kpi-${id}"><div class="kpi-value">${esc(String(value))}</div><div class="kpi-label">${label}</div></div>`).join('')
      + `<div class="kpi-note">${esc(r.area_name)} · ${esc(r.month_label)} · ${r.lights.frozen ? '亮灯已冻结' : '亮灯为临时统计'}</div>`;
  }

  draw(echarts, r, children) {
    this.charts.forEach(c => c.dispose());
    this.charts = [];
    this.byName = {};
    const chart = (name, option) => {
      const div = this.el.querySelector(`[data-chart=${name}]`);
      const c = echarts.init(div, null, { renderer: 'canvas' });
      // Tooltips drawn on the canvas (richText), not as HTML with style attributes: the page runs under a strict CSP.
      c.setOption({ animation: false, textStyle: { fontFamily: 'Noto Sans CJK SC, sans-serif' }, ...option,
        tooltip: { renderMode: 'richText', ...option.tooltip } });
      this.charts.push(c);
      this.byName[name] = c;
      return c;
    };
    // The units with lit items (most red first); without any, the child areas, so the chart always says where the lights are.
    const lit = r.lights.units.filter(u => u.red + u.yellow + u.green > 0);
    const rows = (lit.length ? lit : r.children).slice(0, 15).reverse();
    this.el.querySelector('[data-chart=lights]').dataset.by = lit.length ? 'units' : 'areas';
    chart('lights', {
      tooltip: { trigger: 'axis' }, legend: { top: 0, data: ['红灯', '黄灯', '绿灯'] },
      grid: { left: 150, right: 20, top: 30, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: rows.map(u => u.name) },
      series: ['red', 'yellow', 'green'].map(l => ({ name: LIGHT[l], type: 'bar', stack: 'lights', itemStyle: { color: COLOURS[l] }, data: rows.map(u => u[l]) })),
    });
    chart('trend', {
      tooltip: { trigger: 'axis' }, legend: { top: 0, data: ['新增', '销号'] }, grid: { left: 40, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: r.trend.map(t => t.month) }, yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '新增', type: 'bar', itemStyle: { color: COLOURS.blue }, data: r.trend.map(t => t.new) },
        { name: '销号', type: 'line', itemStyle: { color: COLOURS.green }, data: r.trend.map(t => t.closed) },
      ],
    });
    const levels = obj => Object.keys(obj);
    const percentBars = (name, obj, key, colour) => chart(name, {
      tooltip: { trigger: 'axis', valueFormatter: v => (v === null ? '—' : `${v}%`) }, grid: { left: 40, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: levels(obj).map(l => LEVEL[l] || l) }, yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [{ type: 'bar', itemStyle: { color: colour }, label: { show: true, position: 'top', formatter: p => (p.value === null ? '—' : `${p.value}%`) },
        data: levels(obj).map(l => obj[l][key]) }],
    });
    percentBars('patrols', r.patrols, 'compliant_pct', COLOURS.blue);
    percentBars('coverage', r.coverage, 'covered_pct', COLOURS.green);
    const t = r.tasks;
    chart('tasks', {
      tooltip: { trigger: 'item' }, legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['40%', '65%'], center: ['50%', '48%'], label: { formatter: '{b} {c}' },
        data: [
          { name: '已完成', value: t.done, itemStyle: { color: COLOURS.green } },
          { name: '超期未完成', value: t.overdue, itemStyle: { color: COLOURS.red } },
          { name: '推进中', value: Math.max(0, t.total - t.done - t.overdue), itemStyle: { color: COLOURS.yellow } },
        ].filter(d => d.value > 0) }],
      title: { text: t.done_pct === null ? '—' : `${t.done_pct}%`, left: 'center', top: 'center', textStyle: { fontSize: 16 } },
    });
    const cats = Object.entries(r.problems.by_category);
    chart('categories', {
      tooltip: { trigger: 'axis' }, legend: { top: 0, data: ['新增', '销号', '超期'] }, grid: { left: 70, right: 20, top: 30, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: cats.map(([c]) => CATEGORY[c] || c) },
      series: [['新增', 'new', COLOURS.blue], ['销号', 'closed', COLOURS.green], ['超期', 'overdue', COLOURS.red]]
        .map(([name, key, colour]) => ({ name, type: 'bar', itemStyle: { color: colour }, data: cats.map(([, v]) => v[key]) })),
    });
    this.drawMap(echarts, chart, r, children);
  }

  /** The area's children as the map (their polygons registered with ECharts) and the red items with a place on it. */
  drawMap(echarts, chart, r, children) {
    const name = `area-${r.area_code}`;
    const features = (children?.features || []).map(f => ({ ...f, properties: { name: f.properties.name, code: f.properties.code } }));
    const points = r.red_items.filter(i => i.lon !== null && i.lat !== null)
      .map(i => ({ name: i.title, value: [i.lon, i.lat], who: i.who_must_act, deadline: i.deadline }));
    const child = Object.fromEntries(r.children.map(c => [c.name, c]));
    if (features.length) echarts.registerMap(name, { type: 'FeatureCollection', features });
    chart('map', {
      tooltip: {
        trigger: 'item',
        formatter: p => (p.seriesType === 'scatter'
          ? `${p.name}\n责任主体：${p.data.who}\n期限：${String(p.data.deadline).slice(0, 10)}`
          : `${p.name}\n红灯 ${child[p.name]?.red ?? 0} · 超期 ${child[p.name]?.overdue ?? 0}`),
      },
      // Child areas with red items are tinted, darker with more of them.
      geo: features.length ? { map: name, roam: true, itemStyle: { areaColor: '#eef2f7', borderColor: '#7b8794' }, label: { show: true, fontSize: 10 },
        emphasis: { itemStyle: { areaColor: '#d9e2ec' } },
        regions: r.children.filter(c => c.red > 0).map(c => ({ name: c.name, itemStyle: { areaColor: c.red > 2 ? '#f1a9a0' : '#fbd9d3' } })) } : undefined,
      series: [{ type: 'scatter', coordinateSystem: features.length ? 'geo' : undefined, symbolSize: 12, itemStyle: { color: COLOURS.red }, data: features.length ? points : [] }],
      graphic: points.length ? undefined : [{ type: 'text', left: 'center', top: 'middle', style: { text: '本月无红灯问题点位', fill: COLOURS.grey, fontSize: 14 } }],
    });
  }
}
