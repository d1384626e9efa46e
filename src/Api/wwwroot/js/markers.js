// Point symbols drawn on the shared canvas in shapes other than circles.
/* global L */

// A square marker drawn on the canvas (outlets), so points of different kinds differ by shape, not only colour.
L.Canvas.include({
  _updateSquare(layer) {
    if (!this._drawing || layer._empty()) return;
    const p = layer._point;
    const ctx = this._ctx;
    const r = Math.max(Math.round(layer._radius), 1);
    this._layers[layer._leaflet_id] = layer;
    ctx.beginPath();
    ctx.rect(p.x - r, p.y - r, r * 2, r * 2);
    this._fillStroke(ctx, layer);
  },
  _updateDiamond(layer) {
    if (!this._drawing || layer._empty()) return;
    const p = layer._point;
    const ctx = this._ctx;
    const r = Math.max(Math.round(layer._radius), 1) * 1.25;
    this._layers[layer._leaflet_id] = layer;
    ctx.beginPath();
    ctx.moveTo(p.x, p.y - r);
    ctx.lineTo(p.x + r, p.y);
    ctx.lineTo(p.x, p.y + r);
    ctx.lineTo(p.x - r, p.y);
    ctx.closePath();
    this._fillStroke(ctx, layer);
  },
});
export const SquareMarker = L.CircleMarker.extend({ _updatePath() { this._renderer._updateSquare(this); } });
export const DiamondMarker = L.CircleMarker.extend({ _updatePath() { this._renderer._updateDiamond(this); } });
