// 上报模式 and clicks on the map: while the mode is on, a click anywhere (on a feature too) reports a problem there,
// one report per click; while it is off, a click on empty map offers 在此上报问题 in a popup.
/* global L */

export class ReportMode {
  /** `report(latlng)` opens the report form for a point; `hint` is the banner shown while the mode is on. */
  constructor(map, { hint, report }) {
    Object.assign(this, { map, hint, report });
    this.active = false;
    this.button = null;
    hint.querySelector('#mode-hint-exit').addEventListener('click', () => this.set(false));
    map.on('click', e => { if (!this.takeClick(e.latlng)) this.offer(e.latlng); });
  }

  /** Its button in the top bar (see shell.js addTool). */
  get tool() {
    return {
      name: 'report', label: '上报问题', icon: 'report', title: 'Click on the map to report a problem', testid: 'mode-report',
      map: true, pressed: this.active, onClick: () => this.set(!this.active), mount: button => { this.button = button; },
    };
  }

  set(on) {
    this.active = on;
    document.body.classList.toggle('mode-report', on);
    this.button?.setAttribute('aria-pressed', String(on));
    this.hint.hidden = !on;
  }

  /** A click in report mode reports there and ends the mode (true); otherwise the click is not taken (false). */
  takeClick(latlng) {
    if (!this.active) return false;
    this.set(false);
    this.report(latlng);
    return true;
  }

  offer(latlng) {
    const lat = latlng.lat.toFixed(6);
    const lon = latlng.lng.toFixed(6);
    L.popup({ className: 'rg-popup', offset: [0, -2] }).setLatLng(latlng).setContent(
      `<div class="pop" data-testid="empty-click-popup"><div class="muted"><code>${lon}, ${lat}</code></div>`
      + `<button type="button" class="primary small" data-action="report-here" data-testid="report-here" data-lat="${lat}" data-lon="${lon}">在此上报问题</button></div>`,
    ).openOn(this.map);
  }
}
