// A monitoring section's water quality over time (断面水质变化): a panel view at #/section/<code> with the monthly
// class as a chart (Apache ECharts from npm: its ES-module build in lib/echarts, loaded when the view is first shown,
// as the dashboard loads it) coloured as the standard's table colours it, the target as a line, and the months and
// samples as a table.
import { fetchJson, esc, problemHtml, isAbort } from './api.js';
import { WATER_CLASSES, WATER_CLASS, SECTION_KIND } from './labels.js';
import { COLORS } from './styles.js';

const ECHARTS = '../lib/echarts/echarts.esm.min.js';

export class Section {
  view = { name: 'section', kind: 'panel', title: '断面水质' };

  constructor({ focus }) {
    this.focus = focus;
    this.chart = null;
    this.controller = null;
  }

  async enter(el, route) {
    const code = route.arg;
    this.leave();
    el.dataset.section = code || '';
    el.dataset.state = 'loading';
    el.innerHTML = `<div class="loading">正在加载断面 <code>${esc(code)}</code>…</div>`;
    const controller = new AbortController();
    this.controller = controller;
    try {
      const [{ data }, echarts] = await Promise.all([
        fetchJson(`/api/sections/${encodeURIComponent(code)}/series`, { signal: controller.signal }), import(ECHARTS)]);
      if (this.controller !== controller) return;
      this.render(el, data, echarts);
      el.dataset.state = 'ready';
    } catch (e) {
      if (isAbort(e) || this.controller !== controller) return;
      el.dataset.state = 'error';
      el.innerHTML = problemHtml(e);
    }
  }

  leave() {
    this.controller?.abort();
    this.chart?.dispose();
    this.chart = null;
  }

  render(el, data, echarts) {
    const s = data.section;
    const months = data.periods;
    el.innerHTML = `<div class="profile" data-testid="section-file">
      <h2 data-testid="section-name">${esc(s.name)}</h2>
      <p class="muted">${esc(SECTION_KIND[s.kind] || s.kind)} · 目标 ${esc(WATER_CLASS[s.target_class])} · <code>${esc(s.code)}</code>
        ${s.failing ? `<span class="badge vacant">连续 ${s.consecutive_failures} 个月不达标</span>` : ''}</p>
      <div class="wq-chart" data-testid="section-chart"></div>
      <table class="grid" data-testid="section-months"><thead><tr><th>月份</th><th>样品</th><th>类别</th><th>达标</th><th>定类因子</th></tr></thead><tbody>
      ${months.map(m => `<tr data-period="${esc(m.period)}"><td>${esc(m.period)}</td><td>${m.sample_count}</td><td>${esc(WATER_CLASS[m.water_class] || '—')}</td>`
        + `<td>${m.target_met == null ? '—' : m.target_met ? '是' : '<strong class="bad">否</strong>'}</td><td>${esc((m.deciding_factors || []).join('、'))}</td></tr>`).join('')}
      </tbody></table></div>`;
    const box = el.querySelector('[data-testid=section-chart]');
    box.style.height = '260px';
    const level = c => (c ? WATER_CLASSES.indexOf(c) + 1 : null);
    this.chart = echarts.init(box, null, { renderer: 'canvas' });
    this.chart.setOption({
      animation: false,
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: months.map(m => m.period.slice(2)) },
      yAxis: {
        type: 'value', min: 1, max: 6, interval: 1, inverse: true,
        axisLabel: { formatter: v => WATER_CLASS[WATER_CLASSES[v - 1]] || '' },
      },
      series: [{
        name: '水质类别', type: 'bar',
        data: months.map(m => ({ value: level(m.water_class), itemStyle: { color: COLORS.waterClass[m.water_class] || COLORS.unmonitored } })),
        markLine: { symbol: 'none', lineStyle: { color: COLORS.failing, type: 'dashed' }, label: { formatter: '目标' }, data: [{ yAxis: level(s.target_class) }] },
      }],
    });
    box.dataset.ready = 'true';
  }
}
