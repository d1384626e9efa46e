// What the service holds that every view refers to: the issue categories, the extent of the data and the names of
// the administrative areas seen so far.
import { fetchJson, problemHtml } from './api.js';
import { CATEGORY, AREA_NAMES } from './labels.js';

export class Catalog {
  constructor(toast) {
    this.toast = toast;
    this.categories = [];
    /** [[south, west], [north, east]] of every collection but the issues, or null. */
    this.extent = null;
    this.areaNames = AREA_NAMES;
  }

  async load() {
    [this.extent, this.categories] = await Promise.all([this.loadExtent(), this.loadCategories()]);
    for (const c of this.categories) CATEGORY[c.code] = c.label;
  }

  async loadExtent() {
    let data;
    try {
      ({ data } = await fetchJson('/features/collections'));
    } catch (e) {
      this.toast.show(`<div>读取数据范围失败 <span class="en">could not read the extent</span></div>${problemHtml(e)}`);
      return null;
    }
    const boxes = (data.collections || []).filter(c => c.id !== 'issues').map(c => c.extent?.spatial?.bbox?.[0]).filter(Boolean);
    if (!boxes.length) return null;
    return [
      [Math.min(...boxes.map(b => b[1])), Math.min(...boxes.map(b => b[0]))],
      [Math.max(...boxes.map(b => b[3])), Math.max(...boxes.map(b => b[2]))],
    ];
  }

  async loadCategories() {
    try {
      const { data } = await fetchJson('/api/issues/categories');
      return data || [];
    } catch (e) {
      this.toast.show(`<div>读取问题类别失败，暂不能上报 <span class="en">categories unavailable</span></div>${problemHtml(e)}`);
      return [];
    }
  }

  /** Remembers the names of administrative areas loaded by the map. */
  learnAreas(features) {
    for (const f of features) this.areaNames.set(f.properties.code, f.properties.name);
  }

  areaName(code) { return code ? this.areaNames.get(code) : undefined; }
}
