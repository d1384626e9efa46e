// Showing the user a geometry they asked for: zoom to it within the free part of the map, and outline it briefly.
/* global L */

export class Focus {
  constructor(mapView, flashLayer) {
    this.mapView = mapView;
    this.flashLayer = flashLayer;
    this.timer = null;
  }

  zoomTo(geometry, { flash = false, onlyIfHidden = false } = {}) {
    const { mapView } = this;
    const bounds = L.geoJSON(geometry).getBounds();
    if (!bounds.isValid()) return;
    if (onlyIfHidden && mapView.visibleBounds().contains(bounds)) return;
    const isPoint = bounds.getNorthEast().equals(bounds.getSouthWest());
    if (isPoint) mapView.centerInView(bounds.getCenter(), Math.max(mapView.map.getZoom(), 15));
    else mapView.map.fitBounds(bounds, { ...mapView.fitPadding(), maxZoom: 15 });
    if (flash) this.flash(geometry);
  }

  /** Briefly outlines a geometry. */
  flash(geometry) {
    this.flashLayer.setFeatures([{ type: 'Feature', geometry, properties: {} }]);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flashLayer.setFeatures([]), 2500);
  }
}
