// Chinese labels of the API's wire codes (English kept for tooltips), and the formats of numbers, dates and deadlines.
import { esc } from './api.js';

export const LEVELS = ['city', 'county', 'township', 'village'];

export const LEVEL = {
  province: '省级', city: '市级', county: '县级', township: '乡级', village: '村级',
};
export const LEVEL_EN = {
  province: 'province', city: 'city', county: 'county', township: 'township', village: 'village',
};
export const levelLabel = l => LEVEL[l] || l || '—';

export const ROLE = { chief: '河长', general: '总河长' };
/** Roles of the people using RiverGis (see session.js). */
export const USER_ROLE = { public: '公众', chief: '河长', office: '河长办', admin: '管理员' };

export const PERMIT = { approved: '已批复', pending: '审批中', none: '无许可' };
export const PERMIT_EN = { approved: 'approved', pending: 'pending', none: 'no permit' };
export const OUTLET_KIND = {
  industrial: '工业', municipal: '生活/市政', agricultural: '农业', aquaculture: '水产养殖', other: '其他',
};
export const WATER_CLASSES = ['I', 'II', 'III', 'IV', 'V', '劣V'];
export const WATER_CLASS = { I: 'Ⅰ类', II: 'Ⅱ类', III: 'Ⅲ类', IV: 'Ⅳ类', V: 'Ⅴ类', '劣V': '劣Ⅴ类' };
export const OUTLET_STATUS = { normal: '正常', rectifying: '整治中', closed: '已关停', connected_to_sewer: '截污纳管' };
export const OUTLET_STATUS_EN = { normal: 'discharging', rectifying: 'being rectified', closed: 'closed', connected_to_sewer: 'connected to the sewer' };
export const SECTION_KIND = { boundary: '交界断面', assessment: '考核断面', function_zone: '水功能区断面', drinking_source: '水源地断面' };
export const SCALE = { above: '规模以上', below: '规模以下' };

export const STATUS = {
  reported: '已上报', assigned: '已交办', rectifying: '整改中', verifying: '待验收',
  closed: '已销号', returned: '已退回', rejected: '不予受理',
};
export const LIGHT = { red: '红灯', yellow: '黄灯', green: '绿灯' };
export const LIGHT_EN = { red: 'overdue', yellow: 'due within 3 days', green: 'on time / closed' };
/** Issue categories, code → label; filled from /api/issues/categories at start. */
export const CATEGORY = {};
/** Area names by code, from the admin areas loaded so far. */
export const AREA_NAMES = new Map();

export const SOURCE = { patrol: '巡河发现', public: '群众举报', inspection: '督查检查' };

export const GAP_REASON = { vacant: '河长空缺', unassigned: '未划分河段' };
export const GAP_REASON_EN = { vacant: 'segment without chief', unassigned: 'no segment' };

export const CROSSING_KIND = { boundary: '交界断面', entering: '入境断面', leaving: '出境断面' };
export const CROSSING_KIND_EN = { boundary: 'boundary between two areas', entering: 'enters the areas', leaving: 'leaves the areas' };

export const ESCALATION = {
  vacant: '本级河段河长空缺，已上溯至上级',
  unassigned: '本级未划分河段，已上溯至上级',
};
export const CANDIDATE_REASON = {
  other_river: '附近另有河流', segment_boundary: '临近河段分界', shared_stretch: '界河共管河段',
};

export const DEMARCATION_KIND = {
  unknown_river: '未知河流', unknown_area: '未知区域', unknown_chief: '未知河长',
  level_mismatch: '层级与区域不符', chief_area_mismatch: '河长不属该区域', duplicate_code: '编码重复',
  far_from_river: '偏离河道', gap_unassigned: '缺口（未划分）', gap_vacant: '缺口（河长空缺）',
  overlap: '河段重叠', cross_boundary: '跨界', geometry_repaired: '几何已修复',
};
export const SEVERITY = { error: '错误', warning: '警告' };

/** Why a patrol does not count (巡河无效原因). */
export const PATROL_REASON = {
  too_short_time: '巡河时长不足', too_short_distance: '巡河里程不足', off_own_segments: '未沿责任河段巡河',
  vehicle_speed: '车速行驶', position_jumps: '轨迹异常跳跃',
};
export const COMPLIANCE = { compliant: '达标', shortfall: '未达标', pending: '进行中' };
export const PHOTO_FLAG = {
  far_from_track: '拍摄位置远离轨迹', outside_track_time: '拍摄时间不在巡河时段', no_position: '无位置信息', no_time: '无拍摄时间',
};

/** This month as a period code (2026-11), in China Standard Time. */
export function thisMonth(now = new Date()) {
  const cst = new Date(now.getTime() + 8 * 3600 * 1000);
  return `${cst.getUTCFullYear()}-${String(cst.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** "12.3 km" / "850 m". */
export function km(metres) {
  if (metres === null || metres === undefined || Number.isNaN(metres)) return '—';
  return metres >= 1000 ? `${(metres / 1000).toFixed(metres >= 10000 ? 1 : 2)}\u00a0km` : `${Math.round(metres)}\u00a0m`;
}

/** Percentage rounded down to 0.1 (99.96 % is not "100 %": the stretch is not fully covered). */
export function pct(p) {
  if (p === null || p === undefined) return '—';
  const v = Math.floor(p * 10) / 10;
  return `${Number.isInteger(v) ? v : v.toFixed(1)}%`;
}

const dateFmt = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const dayFmt = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit' });
export const dateTime = iso => (iso ? dateFmt.format(new Date(iso)) : '—');
export const date = iso => (iso ? dayFmt.format(new Date(iso)) : '—');

/** "剩 3 天" / "逾期 5 天" for open issues; nothing once closed or rejected. */
export function dueText(p) {
  if (p.status === 'closed' || p.status === 'rejected' || p.days_left === null || p.days_left === undefined) return '';
  return p.days_left >= 0 ? `剩 ${esc(p.days_left)} 天` : `<span class="bad">逾期 ${esc(-p.days_left)} 天</span>`;
}
