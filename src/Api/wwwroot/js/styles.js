// Colours and line styles of every layer (the legend draws its swatches from the same values). No Leaflet here:
// pages without a map use the colours too; the canvas marker shapes are in markers.js.

export const COLORS = {
  background: '#dde6ec',
  land: '#fbf8f1',
  river: '#6fb3e8',
  level: { city: '#7b2fa8', county: '#1f5fc4', township: '#0e9a8e', village: '#d08a00' },
  gap: '#e0262b',
  crossBoundary: '#ff7a00',
  overlap: '#c2185b',
  crossing: { boundary: '#37474f', entering: '#2e7d32', leaving: '#6a1b9a' },
  permit: { approved: '#2e9d4f', pending: '#f2a900', none: '#d93025' },
  light: { red: '#e53935', yellow: '#fbc02d', green: '#43a047' },
  patrol: '#546e7a',
  patrolled: '#2e7d32',
  unpatrolled: '#d32f2f',
  patrolTrack: '#6a1b9a',
  highlight: '#ffe14d',
  demarcation: '#d81b60',
  proposal: '#5c6bc0',
  // 水质类别: 《地表水环境质量评价办法（试行）》 colours — Ⅰ–Ⅱ blue (优), Ⅲ green (良好), Ⅳ yellow, Ⅴ orange, 劣Ⅴ red.
  waterClass: { I: '#29b6f6', II: '#1565c0', III: '#2e9d4f', IV: '#fdd835', V: '#fb8c00', '劣V': '#e53935' },
  unmonitored: '#9e9e9e',
  failing: '#b00020',
  outletStatus: { normal: '#2e9d4f', rectifying: '#f2a900', closed: '#757575', connected_to_sewer: '#1e88e5' },
  water: '#9fd3f5',
  zone: '#1565c0',
  board: { current: '#5d4037', stale: '#ff6f00', far: '#8e24aa' },
};

/** Segment band widths: higher levels are wider and drawn first, so every level on a stretch stays visible. */
export const SEGMENT_WEIGHT = { city: 13, county: 9.5, township: 6, village: 2.8 };
export const LEVEL_ORDER = { province: 0, city: 1, county: 2, township: 3, village: 4 };

export const AREA_STYLE = {
  province: { color: '#3e3a36', weight: 3.4, dashArray: null, fillColor: COLORS.land, fillOpacity: 1 },
  city: { color: '#4a453f', weight: 3, dashArray: null, fillColor: COLORS.land, fillOpacity: 1 },
  county: { color: '#5a544d', weight: 2.3, dashArray: null, fillColor: COLORS.land, fillOpacity: 1 },
  township: { color: '#857d74', weight: 1.4, dashArray: null, fillOpacity: 0.6 },
  village: { color: '#aaa39a', weight: 0.8, dashArray: '4 3', fillOpacity: 0.55 },
};

// Soft pastel tints for the lowest areas, so neighbours are told apart like on a printed map.
const TINTS = ['#f4efe1', '#eaf1e4', '#f3e8e6', '#e6eef3', '#f1ece4', '#ebe9f3', '#f5f0dc', '#e4f0ec'];
export function tint(code) {
  let h = 0;
  for (const c of String(code)) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return TINTS[h % TINTS.length];
}

/** Display settings decided at start (a configured basemap makes the area fills translucent). */
export const settings = { basemap: false };

export function areaStyle(feature) {
  const level = feature.properties.level;
  const s = AREA_STYLE[level] || AREA_STYLE.township;
  return {
    color: s.color, weight: s.weight, dashArray: s.dashArray, opacity: 1,
    fill: true, fillColor: s.fillColor || tint(feature.properties.code), fillOpacity: settings.basemap ? s.fillOpacity * 0.15 : s.fillOpacity,
    lineJoin: 'round', interactive: false,
  };
}

export function segmentStyle(feature) {
  const p = feature.properties;
  return {
    color: COLORS.level[p.level] || '#555', weight: SEGMENT_WEIGHT[p.level] || 4,
    opacity: p.vacant ? 0.7 : 0.92, lineCap: 'butt', lineJoin: 'round',
    dashArray: p.vacant ? '7 5' : null,
  };
}

export function gapStyle(feature) {
  const vacant = feature.properties.reason === 'vacant';
  return { color: COLORS.gap, weight: 5, opacity: 0.95, dashArray: vacant ? '10 7' : null, lineCap: vacant ? 'butt' : 'round' };
}

/** Inline SVG swatches for the legend. */
export const swatch = {
  line(color, { weight = 4, dash = null, opacity = 1 } = {}) {
    return `<svg class="sw" viewBox="0 0 28 14" aria-hidden="true"><line x1="2" y1="7" x2="26" y2="7" stroke="${color}" stroke-width="${weight}"`
      + ` stroke-opacity="${opacity}"${dash ? ` stroke-dasharray="${dash}"` : ''} stroke-linecap="butt"/></svg>`;
  },
  area(stroke, fill, { weight = 1.5, dash = null } = {}) {
    return `<svg class="sw" viewBox="0 0 28 14" aria-hidden="true"><rect x="2" y="2" width="24" height="10" rx="1.5" fill="${fill}"`
      + ` stroke="${stroke}" stroke-width="${weight}"${dash ? ` stroke-dasharray="${dash}"` : ''}/></svg>`;
  },
  circle(fill, stroke = '#263238') {
    return `<svg class="sw" viewBox="0 0 28 14" aria-hidden="true"><circle cx="14" cy="7" r="5" fill="${fill}" stroke="${stroke}" stroke-width="1.4"/></svg>`;
  },
  square(fill, stroke = '#263238') {
    return `<svg class="sw" viewBox="0 0 28 14" aria-hidden="true"><rect x="9" y="2" width="10" height="10" fill="${fill}" stroke="${stroke}" stroke-width="1.4"/></svg>`;
  },
  diamond(fill, stroke = '#263238') {
    return `<svg class="sw" viewBox="0 0 28 14" aria-hidden="true"><path d="M14 1 L20 7 L14 13 L8 7 Z" fill="${fill}" stroke="${stroke}" stroke-width="1.3"/></svg>`;
  },
  bands() {
    const c = COLORS.level;
    return `<svg class="sw" viewBox="0 0 28 14" aria-hidden="true"><line x1="2" y1="7" x2="26" y2="7" stroke="${c.city}" stroke-width="12"/>`
      + `<line x1="2" y1="7" x2="26" y2="7" stroke="${c.county}" stroke-width="8.5"/><line x1="2" y1="7" x2="26" y2="7" stroke="${c.township}" stroke-width="5"/>`
      + `<line x1="2" y1="7" x2="26" y2="7" stroke="${c.village}" stroke-width="2"/></svg>`;
  },
};
