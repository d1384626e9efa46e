// The datasets: where each one is (from the administrative areas the map has loaded), the chooser in the top bar,
// and fitting the map to one dataset or to all the data.
/* global L */
import { fetchJson, esc, problemHtml } from './api.js';

export class Datasets {
  /** `list`: config.json's datasets; `showMap()` brings the map page back when a full page covers it. */
  constructor({ list, mapView, layers, catalog, toast, showMap }) {
    Object.assign(this, { list, mapView, layers, catalog, toast, showMap });
    this.bounds = new Map(); // dataset_code → L.LatLngBounds seen in admin-area loads
    layers.onChange(layer => { if (layer.id === 'areas') this.learn(layer.features); });
  }

  learn(features) {
    for (const f of features) {
      const code = f.properties.dataset_code;
      const bounds = L.geoJSON(f).getBounds();
      if (!bounds.isValid()) continue;
      const known = this.bounds.get(code);
      if (known) known.extend(bounds);
      else this.bounds.set(code, L.latLngBounds(bounds.getSouthWest(), bounds.getNorthEast()));
    }
  }

  /** One button per dataset after the 全部 button of `nav`. */
  buildChooser(nav) {
    for (const d of this.list) {
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.dataset = d.code;
      b.dataset.testid = `dataset-${d.code}`;
      b.title = d.label_en || d.code;
      b.textContent = d.label || d.code;
      nav.appendChild(b);
    }
    nav.addEventListener('click', e => {
      const b = e.target.closest('button[data-dataset]');
      if (!b) return;
      this.showMap();
      this.fit(b.dataset.dataset).catch(err => this.toast.show(problemHtml(err)));
    });
  }

  label(code) {
    const d = this.list.find(x => x.code === code);
    return d ? { zh: d.label, en: d.label_en } : { zh: code, en: '' };
  }

  fitAll(animate = true) {
    const padding = this.mapView.fitPadding();
    padding.paddingBottomRight = [padding.paddingBottomRight[0] + 150, padding.paddingBottomRight[1]]; // room for the dataset pins' labels
    if (this.catalog.extent) this.mapView.map.fitBounds(this.catalog.extent, { ...padding, animate });
    else this.mapView.map.setView([35, 105], 4, { animate });
  }

  /** Fits the map to a dataset ('*' = all); resolves when the view's features are loaded. */
  async fit(code) {
    const { mapView } = this;
    if (code === '*') {
      await mapView.move(() => this.fitAll());
      return this.layers.idle();
    }
    let bounds = this.bounds.get(code);
    if (!bounds) {
      // Not seen in the view's admin-area loads yet: ask for that dataset's areas.
      const { data } = await fetchJson(`/features/collections/admin-areas/items?dataset_code=${encodeURIComponent(code)}&limit=10000`);
      const b = L.geoJSON(data).getBounds();
      if (b.isValid()) bounds = b;
    }
    if (!bounds) {
      this.toast.show(`没有数据集 <code>${esc(code)}</code> 的区域 <span class="en">no areas for dataset</span>`);
      return undefined;
    }
    await mapView.move(() => mapView.map.fitBounds(bounds, { ...mapView.fitPadding(), maxZoom: 16 }));
    return this.layers.idle();
  }
}
