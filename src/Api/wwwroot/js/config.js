// The page's settings: config.json (basemap, analysis level, datasets) and the ?tiles= override of one visit.
import { fetchJson, problemHtml } from './api.js';

/** The settings; defaults (and a toast) when config.json cannot be read. */
export async function loadConfig(toast) {
  let config = {};
  try {
    ({ data: config } = await fetchJson('config.json'));
  } catch (e) {
    toast.show(`<div>config.json 读取失败，使用默认设置</div>${problemHtml(e)}`);
  }
  const tiles = new URLSearchParams(location.search).get('tiles');
  if (tiles) config = { ...config, tiles, tile_attribution: '' };
  return config || {};
}
