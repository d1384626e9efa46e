// Popup contents (HTML strings; every value from the server is escaped), the small HTML pieces views share with
// them, and the dispatch of the buttons inside popups.
import { esc } from './api.js';
import {
  levelLabel, km, PERMIT, OUTLET_KIND, SCALE, STATUS, LIGHT, GAP_REASON, GAP_REASON_EN, WATER_CLASS, OUTLET_STATUS, SECTION_KIND,
  CROSSING_KIND, CROSSING_KIND_EN, dateTime, date, DEMARCATION_KIND, SEVERITY, CATEGORY, AREA_NAMES,
} from './labels.js';

const row = (k, v, cls = '') => `<tr class="${cls}"><th>${k}</th><td>${v}</td></tr>`;
/** A phone number as a tel: link (`empty` when there is none). */
export const phoneLink = (phone, empty = '') => (phone ? `<a href="tel:${esc(phone)}" class="phone">${esc(phone)}</a>` : empty);
const tel = phone => phoneLink(phone, '—');
const lvl = l => `<span class="lvl lvl-${esc(l)}">${esc(levelLabel(l))}</span>`;

function chiefCell(p) {
  if (p.vacant || !p.chief_id) return '<span class="badge vacant" data-testid="vacant">河长空缺</span> <span class="en">vacant</span>';
  return `<strong>${esc(p.chief_name)}</strong> ${tel(p.chief_phone)}`;
}

export function lightDot(light) {
  return `<span class="light-dot ${esc(light)}" title="${esc(LIGHT[light] || light)}"></span>`;
}

function crossingSide(side) {
  if (!side) return '<span class="muted">区域外 outside</span>';
  const chief = side.chief_id
    ? `${esc(side.chief_name)} ${tel(side.chief_phone)}`
    : '<span class="badge vacant">河长空缺</span>';
  const generals = (side.general_chiefs || []).map(g => `${esc(g.name)} ${tel(g.phone)}`).join('，');
  return `<div><strong>${esc(side.area_name)}</strong> <code>${esc(side.area_code)}</code></div>`
    + `<div>河长：${chief}</div>${generals ? `<div class="muted">总河长：${generals}</div>` : ''}`;
}

export const popups = {
  segment(feature) {
    const p = feature.properties;
    return `<div class="pop" data-testid="segment-popup" data-segment="${esc(feature.id)}">`
      + `<div class="pop-title">${esc(p.name || feature.id)}</div>`
      + `<table class="kv">${row('编码', `<code>${esc(feature.id)}</code>`)}`
      + row('河流', `${esc(p.river_name)} <code>${esc(p.river_code)}</code>`)
      + row('层级', lvl(p.level))
      + row('所属区域', `${esc(p.area_name)} <code>${esc(p.area_code)}</code>`)
      + row('河长', chiefCell(p))
      + row('长度', km(p.length_m))
      + `</table><div class="pop-actions"><button type="button" class="link-btn" data-action="profile" data-river="${esc(p.river_code)}">一河一档 →</button></div></div>`;
  },

  gapTip(feature) {
    const p = feature.properties;
    return `${esc(GAP_REASON[p.reason] || p.reason)} · ${esc(p.river_name)} · ${km(p.length_m)}`;
  },

  gap(feature) {
    const p = feature.properties;
    return `<div class="pop"><div class="pop-title gap-title">覆盖缺口 · ${esc(GAP_REASON[p.reason] || p.reason)}`
      + ` <span class="en">${esc(GAP_REASON_EN[p.reason] || '')}</span></div><table class="kv">`
      + row('河流', `${esc(p.river_name)} <code>${esc(p.river_code)}</code>`)
      + row('层级', lvl(p.level))
      + row('区域', `${esc(p.area_name)} <code>${esc(p.area_code)}</code>`)
      + row('位置', `${km(p.from_m)} – ${km(p.to_m)}（自源头）`)
      + row('长度', km(p.length_m))
      + ((p.segment_codes || []).length ? row('河段', p.segment_codes.map(c => `<code>${esc(c)}</code>`).join(' ')) : '')
      + '</table></div>';
  },

  crossBoundary(feature) {
    const p = feature.properties;
    return `<div class="pop"><div class="pop-title">跨界河段部分 <span class="en">cross-boundary</span></div><table class="kv">`
      + row('河段', `<code>${esc(p.segment_code)}</code>`)
      + row('层级', lvl(p.level))
      + row('本属区域', `<code>${esc(p.own_area_code)}</code>`)
      + row('进入区域', `${esc(p.entered_area_name)} <code>${esc(p.entered_area_code)}</code>`)
      + row('长度', km(p.length_m)) + '</table></div>';
  },

  overlap(feature) {
    const p = feature.properties;
    return `<div class="pop"><div class="pop-title">河段重叠 <span class="en">overlap</span></div><table class="kv">`
      + row('河流', `${esc(p.river_name)} <code>${esc(p.river_code)}</code>`)
      + row('层级', lvl(p.level))
      + row('河段', (p.segment_codes || []).map(c => `<code>${esc(c)}</code>`).join(' '))
      + row('区域', (p.area_codes || []).map(c => `<code>${esc(c)}</code>`).join(' '))
      + row('长度', km(p.length_m)) + '</table></div>';
  },

  crossing(feature) {
    const p = feature.properties;
    return `<div class="pop"><div class="pop-title">${esc(CROSSING_KIND[p.kind] || p.kind)} · ${esc(p.river_name)}`
      + ` <span class="en">${esc(CROSSING_KIND_EN[p.kind] || '')}</span></div><table class="kv">`
      + row('层级', lvl(p.level))
      + row('里程', `${km(p.measure_m)}（自源头）`)
      + row('上游', crossingSide(p.upstream))
      + row('下游', crossingSide(p.downstream)) + '</table></div>';
  },

  outlet(feature) {
    const p = feature.properties;
    return `<div class="pop"><div class="pop-title">${esc(p.name)}</div><table class="kv">`
      + row('编码', `<code>${esc(feature.id)}</code>`)
      + row('类型', esc(OUTLET_KIND[p.kind] || p.kind))
      + row('规模', esc(SCALE[p.scale] || p.scale))
      + row('许可', `<span class="badge permit-${esc(p.permit)}">${esc(PERMIT[p.permit] || p.permit)}</span>`)
      + row('状态', `<span class="badge outlet-${esc(p.status)}">${esc(OUTLET_STATUS[p.status] || p.status)}</span>`)
      + row('受纳河流', p.river_code ? `${esc(p.river_name)} <code>${esc(p.river_code)}</code>` : '<span class="muted">未关联</span>')
      + '</table></div>';
  },

  section(feature) {
    const p = feature.properties;
    const cls = p.water_class ? `<span class="badge wq wq-${esc(p.water_class === '劣V' ? 'V6' : p.water_class)}">${esc(WATER_CLASS[p.water_class])}</span> ${esc(p.quality || '')}` : '<span class="muted">本月前无监测</span>';
    return `<div class="pop" data-testid="section-popup" data-section="${esc(p.code)}"><div class="pop-title">${esc(p.name)}</div><table class="kv">`
      + row('编码', `<code>${esc(p.code)}</code> ${esc(SECTION_KIND[p.kind] || p.kind)}`)
      + row('水质', `${cls}${p.latest_period ? ` <span class="muted">${esc(p.latest_period)}</span>` : ''}`)
      + row('目标', esc(WATER_CLASS[p.target_class]))
      + row('达标', p.target_met == null ? '—' : p.target_met ? '达标' : `<strong class="bad">不达标</strong>，连续 ${p.consecutive_failures} 个月`)
      + row('趋势', esc(p.trend_label))
      + `</table><div class="pop-actions"><button type="button" class="link-btn" data-action="section" data-section="${esc(p.code)}">水质变化 →</button></div></div>`;
  },

  zone(feature) {
    const p = feature.properties;
    return `<div class="pop" data-testid="zone-popup"><div class="pop-title">${esc(p.name || p.code)}</div><table class="kv">`
      + row('层级', lvl(p.level))
      + row(esc(p.chief_title), p.vacant ? '<span class="badge vacant">空缺</span>' : `<strong>${esc(p.chief_name)}</strong>`)
      + row('面积', `${(p.area_m2 / 1e6).toFixed(1)} km²`)
      + '</table></div>';
  },

  signboard(feature) {
    const p = feature.properties;
    const state = p.stale ? '<span class="badge stale">待更新</span>' : p.far ? '<span class="badge far">位置偏离</span>' : '<span class="badge ok">信息一致</span>';
    return `<div class="pop" data-testid="signboard-popup"><div class="pop-title">公示牌 <code>${esc(p.code)}</code> ${state}</div><table class="kv">`
      + row('牌上河长', esc(p.chief_name))
      + row('现任河长', p.current_chief_name ? esc(p.current_chief_name) : '<span class="badge vacant">空缺</span>')
      + row('监督电话', p.supervision_phone ? tel(p.supervision_phone) : '—')
      + row('距河段', p.distance_m == null ? '—' : `${Math.round(p.distance_m)} 米`)
      + '</table>'
      + (p.segment_code ? `<div class="pop-actions"><a class="link-btn" target="_blank" href="/api/segments/${encodeURIComponent(p.segment_code)}/board.html">打印新公示牌 →</a></div>` : '')
      + '</div>';
  },

  patrol(feature) {
    const p = feature.properties;
    return `<div class="pop"><div class="pop-title">巡河轨迹 <span class="en">patrol</span></div><table class="kv">`
      + row('河长', `${esc(p.chief_name)} ${lvl(p.level)}`)
      + row('开始', dateTime(p.started_at))
      + row('时长', `${p.duration_min ?? '—'} 分钟`)
      + row('里程', km(p.length_m)) + '</table></div>';
  },

  issue(feature) {
    const p = feature.properties;
    const chief = p.chief_name || p.chief?.name;
    return `<div class="pop" data-testid="issue-popup" data-issue-id="${esc(feature.id)}"><div class="pop-title">${lightDot(p.light)} 问题 #${esc(feature.id)}`
      + ` · ${esc(p.category_label || CATEGORY[p.category] || p.category)}</div><table class="kv">`
      + row('状态', `${esc(p.status_label || STATUS[p.status] || p.status)} · ${esc(p.light_label || LIGHT[p.light] || p.light)}`)
      + row('描述', esc(p.description))
      + row('责任河长', chief ? esc(chief) + (p.chief?.phone ? ' ' + tel(p.chief.phone) : '') : '—')
      + row('区域', `${esc(AREA_NAMES.get(p.area_code) || '')} <code>${esc(p.area_code || '—')}</code>`)
      + (p.river_code ? row('河流', `<code>${esc(p.river_code)}</code>`) : '')
      + row('上报', dateTime(p.reported_at))
      + row('整改期限', date(p.deadline)) + '</table></div>';
  },

  demarcation(feature) {
    const p = feature.properties;
    return `<div class="pop"><div class="pop-title"><span class="badge sev-${esc(p.severity)}">${esc(SEVERITY[p.severity] || p.severity)}</span> `
      + `${esc(DEMARCATION_KIND[p.kind] || p.kind)}</div><div>${esc(p.message_zh)}</div><div class="en">${esc(p.message_en)}</div></div>`;
  },
};

/**
 * Buttons inside popups carry `data-action` (and their arguments as data attributes); a click on one inside
 * `container` runs the handler of that name with the button's dataset.
 */
export function onPopupAction(container, handlers) {
  container.addEventListener('click', e => {
    const button = e.target.closest('[data-action]');
    const handler = button && handlers[button.dataset.action];
    if (handler) handler(button.dataset);
  });
}
