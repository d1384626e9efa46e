// The Leaflet map of the map page: its controls and optional basemap, the part of it the legend and the panel leave
// free, moves that resolve when they ended, the area-label classes by zoom, and its position as text for the URL.
/* global L */
import { settings } from './styles.js';

const LABEL_ZOOM = { province: 5, city: 8, county: 9.5, township: 11, village: 13.25 };
const OVERVIEW_MAX_ZOOM = 7.5; // below this the datasets are shown as named pins

export class MapView {
  constructor(container, config) {
    // One canvas for every vector layer and marker: stacked canvases would hide each other's features from clicks.
    const map = L.map(container, {
      preferCanvas: true, renderer: L.canvas({ padding: 0.4, tolerance: 4 }), zoomControl: false, minZoom: 2, maxZoom: 19, zoomSnap: 0.25, zoomDelta: 0.5,
      wheelPxPerZoomLevel: 90, worldCopyJump: false, attributionControl: true,
    });
    this.map = map;
    map.attributionControl.setPrefix('Leaflet');
    map.attributionControl.addAttribution('样例数据 © OpenStreetMap contributors (ODbL)');
    L.control.zoom({ position: 'bottomright', zoomInTitle: '放大 zoom in', zoomOutTitle: '缩小 zoom out' }).addTo(map);
    L.control.scale({ position: 'bottomright', imperial: false, maxWidth: 140 }).addTo(map);
    this.addBasemap(config);
    map.on('moveend', () => this.zoomClasses());
  }

  /** An optional XYZ basemap (e.g. 天地图); none by default: the page then needs nothing from other hosts. */
  addBasemap(config) {
    const url = config.tiles;
    if (!url) {
      document.body.classList.add('no-basemap');
      return;
    }
    settings.basemap = true;
    const options = { maxZoom: 19, attribution: config.tile_attribution || '' };
    if (config.tile_subdomains) options.subdomains = config.tile_subdomains;
    L.tileLayer(url, options).addTo(this.map);
  }

  /** Padding that keeps fitted geometry clear of the legend and the open side panel. */
  fitPadding() {
    const legend = document.getElementById('legend');
    const left = legend && !legend.classList.contains('collapsed') ? legend.offsetWidth + 24 : 24;
    const panel = document.getElementById('panel');
    const right = panel.hidden ? 32 : panel.offsetWidth + 32;
    return { paddingTopLeft: [left, 32], paddingBottomRight: [right, 40] };
  }

  /** Runs a map move; resolves once it ended. */
  move(fn) {
    const ended = new Promise(resolve => this.map.once('moveend', resolve));
    fn();
    return ended;
  }

  /** Sets the view so that a point is in the middle of the part of the map the legend and the panel leave free. */
  centerInView(latlng, zoom) {
    const map = this.map;
    const size = map.getSize();
    const { paddingTopLeft: tl, paddingBottomRight: br } = this.fitPadding();
    const free = L.point((tl[0] + size.x - br[0]) / 2, (tl[1] + size.y - br[1]) / 2);
    const shift = size.divideBy(2).subtract(free);
    map.setView(map.unproject(map.project(latlng, zoom).add(shift), zoom), zoom);
  }

  /** The part of the map not covered by the legend or the side panel, as lat/lng bounds. */
  visibleBounds() {
    const size = this.map.getSize();
    const { paddingTopLeft: tl, paddingBottomRight: br } = this.fitPadding();
    return L.latLngBounds(this.map.containerPointToLatLng([tl[0], size.y - br[1]]), this.map.containerPointToLatLng([size.x - br[0], tl[1]]));
  }

  /** Classes that show area labels (and dataset pins) only at zooms where they are legible. */
  zoomClasses() {
    const z = this.map.getZoom();
    const c = this.map.getContainer().classList;
    for (const [level, min] of Object.entries(LABEL_ZOOM)) c.toggle(`show-${level}`, z >= min);
    c.toggle('overview', z < OVERVIEW_MAX_ZOOM);
  }

  /** The position as `zoom/lat/lon` (the `at` of the page's URL). */
  position() {
    const c = this.map.getCenter();
    return `${this.map.getZoom()}/${c.lat.toFixed(5)}/${c.lng.toFixed(5)}`;
  }

  /** Goes to a position written by position(); false when there is none or it is not one. */
  restore(position) {
    const m = /^(\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(position || '');
    if (!m) return false;
    this.map.setView([Number(m[2]), Number(m[3])], Number(m[1]), { animate: false });
    return true;
  }
}
