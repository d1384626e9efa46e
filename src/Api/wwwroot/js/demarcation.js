// 划界检查: upload a proposed segments file (GeoJSON, zipped Shapefile, GeoPackage), POST it to /api/demarcation/check,
// draw and list every problem. A panel view at #/demarcation; its content and the drawn problems stay while other
// views are shown.
import { fetchJson, esc, problemHtml, withQuery } from './api.js';
import { DEMARCATION_KIND, SEVERITY, levelLabel, km } from './labels.js';

// The media type the service expects for each file a planner may pick (by extension); anything else is sent as GeoJSON.
const MEDIA_TYPES = { zip: 'application/zip', gpkg: 'application/geopackage+sqlite3' };

const REPLACE = {
  'river-levels-touched': '替换方案涉及的河流与层级（默认）',
  'rivers-touched': '替换方案涉及河流的所有层级',
  all: '方案即全部河段',
};

export class Demarcation {
  view = { name: 'demarcation', kind: 'panel', title: '划界检查', roles: ['office', 'admin'], tool: { label: '划界检查', icon: 'check', title: 'Check a proposed segments GeoJSON', testid: 'open-demarcation' } };

  constructor({ layers, focus }) {
    Object.assign(this, { layers, focus });
    this.problems = [];
  }

  enter(el) {
    this.el = el;
    if (el.dataset.built) return;
    el.dataset.built = '1';
    el.innerHTML = `
      <div class="demarcation" data-testid="demarcation-panel">
        <p class="intro">上传拟定的河段划分（GeoJSON、Shapefile 压缩包 .zip 或 GeoPackage，数据集 segments 格式；坐标系取自文件，CGCS2000 高斯-克吕格分带亦可），检查缺口、空缺、重叠、跨界与编码问题。不改动已存数据。
          <span class="en">Upload proposed segments; nothing stored is changed.</span></p>
        <label class="file-drop">
          <input type="file" accept=".geojson,.json,.zip,.gpkg,application/geo+json,application/json,application/zip,application/geopackage+sqlite3" data-testid="demarcation-file">
          <span class="file-label">选择文件… <span class="en">choose a .geojson, .zip (Shapefile) or .gpkg file</span></span>
        </label>
        <div class="dem-options">
          <label>替换范围 <span class="en">which stored segments the proposal replaces</span>
            <select data-testid="demarcation-replace">${Object.entries(REPLACE).map(([k, v]) => `<option value="${k}">${v}</option>`).join('')}</select></label>
          <button type="button" class="secondary" data-action="clear" data-testid="demarcation-clear">清除结果</button>
        </div>
        <div class="demarcation-result" data-testid="demarcation-result" data-state="empty"></div>
      </div>`;
    const input = el.querySelector('input[type=file]');
    const replace = el.querySelector('select');
    input.addEventListener('change', () => this.check(el, input.files[0], replace.value));
    el.querySelector('[data-action=clear]').addEventListener('click', () => {
      input.value = '';
      this.clear(el);
    });
    replace.addEventListener('change', () => { if (input.files[0]) this.check(el, input.files[0], replace.value); });
    el.querySelector('.demarcation-result').addEventListener('click', e => {
      const li = e.target.closest('[data-problem]');
      if (li) this.focusProblem(Number(li.dataset.problem));
    });
  }

  async check(el, file, replace) {
    const box = el.querySelector('.demarcation-result');
    if (!file) return;
    box.dataset.state = 'checking';
    el.querySelector('.file-label').innerHTML = `${esc(file.name)} <span class="muted">${(file.size / 1024).toFixed(1)} KiB</span>`;
    box.innerHTML = '<div class="loading">正在检查…</div>';
    const mediaType = MEDIA_TYPES[file.name.split('.').pop().toLowerCase()] || 'application/geo+json';
    const body = mediaType === 'application/geo+json' ? await file.text() : file;
    let proposal = null;
    // Only GeoJSON is drawn before the check; the server names the line and byte of a syntax error.
    if (typeof body === 'string') try { proposal = JSON.parse(body); } catch { proposal = null; }
    this.proposal = proposal;
    const { layers } = this.layers;
    layers.demarcationProposal.setFeatures(Array.isArray(proposal?.features) ? proposal.features.filter(f => f?.geometry) : []);
    try {
      const { data } = await fetchJson(withQuery('/api/demarcation/check', { replace }), {
        method: 'POST', body, headers: { 'Content-Type': mediaType },
      });
      this.show(box, data);
    } catch (e) {
      this.problems = [];
      layers.demarcation.setFeatures([]);
      box.dataset.state = 'error';
      box.innerHTML = problemHtml(e);
    }
  }

  show(box, data) {
    // `problems` lists every problem; `features` only those with a geometry; both carry the problem's `index`.
    const features = data.features || [];
    const byIndex = new Map(features.map(f => [f.properties.index, f.geometry]));
    this.problems = (data.problems || []).map(p => {
      let geometry = byIndex.get(p.index) || null;
      if (!geometry && p.feature_index !== null && p.feature_index !== undefined) geometry = this.proposal?.features?.[p.feature_index]?.geometry || null;
      return { ...p, geometry };
    });
    this.layers.layers.demarcation.setFeatures(features);
    const counts = Object.entries(data.counts || {}).filter(([, n]) => n > 0)
      .map(([k, n]) => `<span class="chip" data-kind="${esc(k)}">${esc(DEMARCATION_KIND[k] || k)} <strong>${n}</strong></span>`).join('');
    box.dataset.state = 'done';
    box.dataset.ok = String(!!data.ok);
    box.dataset.problemCount = String(this.problems.length);
    box.innerHTML = `
      <div class="verdict ${data.ok ? 'ok' : 'bad'}" data-testid="demarcation-verdict">
        ${data.ok ? '✓ 方案可行' : '✗ 方案存在问题'} · 错误 <strong>${data.error_count}</strong> · 警告 <strong>${data.warning_count}</strong>
      </div>
      <div class="chips">${counts}</div>
      <ol class="list problems" data-testid="demarcation-problems">${this.problems.map((p, i) => `
        <li class="problem-item ${p.geometry ? 'clickable' : ''} sev-${esc(p.severity)}" data-problem="${i}" data-testid="demarcation-problem"
            data-kind="${esc(p.kind)}" title="${p.geometry ? '点击缩放 click to zoom' : ''}">
          <div><span class="badge sev-${esc(p.severity)}">${esc(SEVERITY[p.severity] || p.severity)}</span>
            <strong>${esc(DEMARCATION_KIND[p.kind] || p.kind)}</strong>
            ${p.level ? `<span class="lvl lvl-${esc(p.level)}">${esc(levelLabel(p.level))}</span>` : ''}
            ${p.length_m ? `<span class="muted">${km(p.length_m)}</span>` : ''}
            ${p.feature_index !== null && p.feature_index !== undefined ? `<span class="muted">features[${p.feature_index}]</span>` : ''}</div>
          <div class="msg-zh">${esc(p.message_zh)}</div>
          <div class="msg-en en">${esc(p.message_en)}</div>
        </li>`).join('')}</ol>`;
    const all = this.problems.filter(p => p.geometry);
    if (all.length) this.focus.zoomTo({ type: 'GeometryCollection', geometries: all.map(p => p.geometry) });
  }

  clear(el) {
    this.problems = [];
    this.proposal = null;
    this.layers.layers.demarcation.setFeatures([]);
    this.layers.layers.demarcationProposal.setFeatures([]);
    const box = el.querySelector('.demarcation-result');
    box.dataset.state = 'empty';
    box.innerHTML = '';
    el.querySelector('.file-label').innerHTML = '选择文件… <span class="en">choose a .geojson, .zip (Shapefile) or .gpkg file</span>';
  }

  focusProblem(i) {
    const p = this.problems[i];
    if (!p?.geometry) return;
    const { el } = this;
    el.querySelectorAll('.problem-item.current').forEach(x => x.classList.remove('current'));
    el.querySelector(`[data-problem="${i}"]`)?.classList.add('current');
    this.focus.zoomTo(p.geometry, { flash: true });
  }
}
