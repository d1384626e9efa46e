// The page's settings: config.json (basemap, analysis level, datasets) and the ?tiles= override of one visit — only
// for tile servers config.json allows (tile_origins; the page's Content-Security-Policy allows images from exactly those).
import { fetchJson, problemHtml, esc } from './api.js';

/** Whether a tile URL template's host is one of the allowed origins (CSP source syntax: https://*.example.org). */
export function tileAllowed(template, origins) {
  let url;
  try { url = new URL(template.replace('{s}', 'a').replace(/\{[xyz]\}/g, '0')); } catch { return false; }
  return (origins || []).some(origin => {
    const m = /^(https?):\/\/(\*\.)?([^/:]+)(:\d+)?$/.exec(origin);
    if (!m || `${m[1]}:` !== url.protocol || (m[4] || '') !== (url.port ? `:${url.port}` : '')) return false;
    return m[2] ? url.hostname.endsWith(`.${m[3]}`) : url.hostname === m[3];
  });
}

/** The settings; defaults (and a toast) when config.json cannot be read. */
export async function loadConfig(toast) {
  let config = {};
  try {
    ({ data: config } = await fetchJson('config.json'));
  } catch (e) {
    toast.show(`<div>config.json 读取失败，使用默认设置</div>${problemHtml(e)}`);
  }
  config = config || {};
  const tiles = new URLSearchParams(location.search).get('tiles');
  if (tiles && tileAllowed(tiles, config.tile_origins)) config = { ...config, tiles, tile_attribution: '' };
  else if (tiles) toast.show(`<div>底图地址不在允许列表中，已忽略 <span class="en">basemap not allowed</span></div><code>${esc(tiles)}</code>`);
  return config;
}
