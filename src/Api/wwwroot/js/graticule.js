// A light graticule (meridians and parallels, labelled at the edges) for orientation when there is no basemap.
/* global L */
import { settings } from './styles.js';

export class Graticule {
  constructor(map, layer) {
    this.map = map;
    this.layer = layer;
    this.labels = L.DomUtil.create('div', 'graticule-labels', map.getContainer());
    map.on('moveend', () => this.update());
  }

  update() {
    const map = this.map;
    const z = map.getZoom();
    const step = z < 4 ? 20 : z < 5.5 ? 10 : z < 7 ? 5 : z < 8.5 ? 2 : z < 10 ? 1 : z < 11.5 ? 0.5 : z < 13 ? 0.2 : z < 14.5 ? 0.1 : 0.05;
    const b = map.getBounds().pad(0.3);
    const south = Math.max(-85, b.getSouth());
    const north = Math.min(85, b.getNorth());
    const west = Math.max(-180, b.getWest());
    const east = Math.min(180, b.getEast());
    const lines = [];
    const round = v => Math.round(v * 1e6) / 1e6;
    const meridians = [];
    const parallels = [];
    for (let x = Math.ceil(west / step) * step; x <= east; x += step) meridians.push(round(x));
    for (let y = Math.ceil(south / step) * step; y <= north; y += step) parallels.push(round(y));
    for (const x of meridians) lines.push([[x, south], [x, north]]);
    for (const y of parallels) lines.push([[west, y], [east, y]]);
    this.layer.setFeatures(lines.length && !settings.basemap
      ? [{ type: 'Feature', properties: { step }, geometry: { type: 'MultiLineString', coordinates: lines } }] : []);

    // Labels are positioned through the DOM, not style attributes, so a Content-Security-Policy may forbid those.
    const digits = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
    const fmt = (v, pos, neg) => `${Math.abs(v).toFixed(digits)}°${v === 0 ? '' : v > 0 ? pos : neg}`;
    const size = map.getSize();
    const center = map.getCenter();
    const labels = [];
    const label = (side, prop, px, text) => {
      const el = document.createElement('span');
      el.className = `glabel ${side}`;
      el.style[prop] = `${px.toFixed(0)}px`;
      el.textContent = text;
      labels.push(el);
    };
    for (const x of meridians) {
      const px = map.latLngToContainerPoint([center.lat, x]).x;
      if (px > 20 && px < size.x - 20) label('top', 'left', px, fmt(x, 'E', 'W'));
    }
    for (const y of parallels) {
      const py = map.latLngToContainerPoint([y, center.lng]).y;
      if (py > 20 && py < size.y - 20) label('right', 'top', py, fmt(y, 'N', 'S'));
    }
    this.labels.replaceChildren(...labels);
  }
}
