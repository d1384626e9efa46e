// The overview's dataset pins: one named pin per dataset with what the view holds of it (rivers, segments, vacant
// posts, gaps at the analysis level); shown only when zoomed far out (the `overview` class of the map).
/* global L */
import { esc } from './api.js';

const COUNTED_LAYERS = ['areas', 'rivers', 'segments', 'gaps', 'outlets'];

export class DatasetPins {
  constructor({ map, layers, datasets }) {
    Object.assign(this, { map, layers, datasets });
    this.group = L.layerGroup().addTo(map);
    this.queued = false;
    layers.onChange(layer => { if (COUNTED_LAYERS.includes(layer.id)) this.queue(); });
    map.on('zoomend', () => this.update());
  }

  /** Updates once after a burst of layer changes. */
  queue() {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.update();
    });
  }

  stats() {
    const { rivers, segments, gaps, outlets } = this.layers.layers;
    const stats = new Map();
    const of = code => {
      if (!stats.has(code)) stats.set(code, { rivers: 0, segments: 0, vacant: 0, gaps: 0, outlets: 0 });
      return stats.get(code);
    };
    const riverDataset = new Map();
    for (const f of rivers.features) {
      riverDataset.set(f.properties.code ?? f.id, f.properties.dataset_code);
      of(f.properties.dataset_code).rivers++;
    }
    for (const f of segments.features) {
      const s = of(f.properties.dataset_code);
      s.segments++;
      if (f.properties.vacant) s.vacant++;
    }
    for (const f of gaps.features) {
      const code = riverDataset.get(f.properties.river_code);
      if (code) of(code).gaps++;
    }
    for (const f of outlets.features) of(f.properties.dataset_code).outlets++;
    return stats;
  }

  update() {
    this.group.clearLayers();
    const stats = this.stats();
    const all = this.datasets.bounds;
    // Labels sit right of their pin; of two pins too close for that, the northern label goes above, the other below.
    const pins = [...all].map(([code, bounds]) => ({ code, center: bounds.getCenter(), at: this.map.latLngToContainerPoint(bounds.getCenter()), place: 'right' }));
    for (const a of pins) {
      for (const b of pins) {
        if (a === b || Math.abs(a.at.x - b.at.x) > 260 || Math.abs(a.at.y - b.at.y) > 100) continue;
        a.place = a.center.lat >= b.center.lat ? 'above' : 'below';
      }
    }
    const placeOf = new Map(pins.map(p => [p.code, p.place]));
    for (const [code, bounds] of all) {
      const label = this.datasets.label(code);
      const s = stats.get(code);
      const facts = s
        ? `<span class="pin-stats"><b>${s.rivers}</b> 条河流 · <b>${s.segments}</b> 个河段${s.vacant ? ` · <b class="warn">${s.vacant}</b> 空缺` : ''}`
          + `${s.gaps ? ` · <b class="bad">${s.gaps}</b> 处缺口` : ''}</span>`
        : '';
      const marker = L.marker(bounds.getCenter(), {
        icon: L.divIcon({
          className: `dataset-pin pin-${placeOf.get(code)}`,
          html: `<div class="pin-dot"></div><div class="pin-label">${esc(label.zh)}<span class="en">${esc(label.en || '')}</span>${facts}</div>`,
          iconSize: [14, 14], iconAnchor: [7, 7],
        }),
        title: `${label.zh} — 点击放大 click to zoom`, keyboard: false, riseOnHover: true,
      });
      marker.on('click', () => this.datasets.fit(code));
      this.group.addLayer(marker);
    }
  }
}
