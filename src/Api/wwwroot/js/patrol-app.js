// 巡河 on a phone (patrol.html), the entry: a chief signs in with their own account (the session cookie; the page is for
// chiefs only: the patrol is the signed-in chief's), starts a patrol (the browser's geolocation, every fix kept
// in IndexedDB), takes photos and records problems on the way, ends it; the patrol, its photos and problems are sent
// when the network allows (retries are safe: Idempotency-Key), then the verdict and this month's shortfall are shown.
import { fetchJson, esc, problemHtml, withQuery, newKey } from './api.js';
import { session } from './session.js';
import { loadSession, signIn, signOut } from './auth.js';
import { PATROL_REASON, thisMonth } from './labels.js';
import { PatrolQueue } from './patrol-queue.js';

const $ = id => document.getElementById(id);
// Who was signed in last (the page starts offline too: the cookie is still there, the session answer is not).
const SIGNED_IN = 'rivergis.patrol.user';

let queue;
let watch = null;
let timer = null;
let flushing = null;

async function start() {
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/patrol-sw.js').catch(() => {});
  queue = await PatrolQueue.open();
  wire();
  let user = null;
  try {
    user = await loadSession();
  } catch {
    user = JSON.parse(localStorage.getItem(SIGNED_IN) || 'null');
    if (user) session.set(user);
  }
  if (user?.role === 'chief') await enter(user);
  else show('login');
  showNetwork();
  window.addEventListener('online', () => { showNetwork(); flush(); });
  window.addEventListener('offline', showNetwork);
}

function wire() {
  $('login').addEventListener('submit', e => { e.preventDefault(); login($('login-username').value.trim(), $('login-password').value); });
  $('logout').addEventListener('click', async () => {
    localStorage.removeItem(SIGNED_IN);
    try { await signOut(); } catch { session.clear(); }
    show('login');
  });
  $('start').addEventListener('click', begin);
  $('end').addEventListener('click', finish);
  $('photo').addEventListener('change', () => keepPhoto($('photo').files[0]));
  $('report-open').addEventListener('click', () => { $('report').hidden = !$('report').hidden; });
  $('report').addEventListener('submit', e => { e.preventDefault(); keepReport(new FormData($('report'))); });
}

function show(which) {
  $('login').hidden = which !== 'login';
  $('home').hidden = which !== 'home';
  document.body.dataset.state = which;
}

function showNetwork() {
  const net = $('net');
  net.textContent = navigator.onLine ? '' : '离线';
  net.classList.toggle('offline', !navigator.onLine);
}

async function login(username, password) {
  const msg = $('login-msg');
  msg.textContent = '';
  let user;
  try {
    user = await signIn(username, password);
  } catch (e) {
    msg.innerHTML = e.status === 400 ? '用户名或密码不正确' : `无法登录 ${problemHtml(e)}`;
    return;
  }
  if (user?.role !== 'chief') {
    // Patrols are the signed-in chief's own: an office files a chief's GPX file on the web map's 巡河 view.
    msg.textContent = '此页面供河长使用（河长办请用一张图的“巡河”）';
    await signOut().catch(() => {});
    return;
  }
  $('login-password').value = '';
  await enter(user);
}

async function enter(user) {
  localStorage.setItem(SIGNED_IN, JSON.stringify(user));
  $('who').textContent = user.name;
  show('home');
  await loadCategories();
  const current = await queue.current();
  if (current) resume(current);
  await showPending();
  flush();
}

async function loadCategories() {
  let categories = JSON.parse(localStorage.getItem('rivergis.categories') || '[]');
  try {
    ({ data: categories } = await fetchJson('/api/issues/categories'));
    localStorage.setItem('rivergis.categories', JSON.stringify(categories));
  } catch { /* offline: the copy from last time */ }
  $('report').querySelector('select').innerHTML = categories.map(c => `<option value="${esc(c.code)}">${esc(c.label)}</option>`).join('');
}

// ---------------------------------------------------------------- the patrol under way

async function begin() {
  if (!navigator.geolocation) { message('此设备无法定位 no geolocation'); return; }
  const patrol = { id: newKey(), started: Date.now() };
  await queue.setCurrent(patrol);
  $('verdict').innerHTML = '';
  $('verdict').dataset.state = 'none';
  resume(patrol);
}

function resume(patrol) {
  $('start').hidden = true;
  $('end').hidden = false;
  message('巡河中… 保持页面打开');
  let fixes = 0;
  let metres = 0;
  let last = null;
  queue.fixes(patrol.id).then(list => {
    for (const f of list) { if (last) metres += distance(last, f); last = f; }
    fixes = list.length;
    stats(patrol, fixes, metres);
  });
  // The fix's time is the phone's clock when the position arrived: what the patrol record keeps for every position.
  watch = navigator.geolocation.watchPosition(async position => {
    const fix = { lon: position.coords.longitude, lat: position.coords.latitude, t: Date.now(), accuracy: position.coords.accuracy };
    if (last && last.lon === fix.lon && last.lat === fix.lat && fix.t - last.t < 1000) return;
    await queue.addFix(patrol.id, fix);
    if (last) metres += distance(last, fix);
    last = fix;
    fixes++;
    stats(patrol, fixes, metres);
  }, error => message(`定位失败：${esc(error.message)}`), { enableHighAccuracy: true, maximumAge: 0 });
  clearInterval(timer);
  timer = setInterval(() => stats(patrol, fixes, metres), 1000);
}

function stats(patrol, fixes, metres) {
  const s = Math.max(0, Math.round((Date.now() - patrol.started) / 1000));
  $('stat-time').textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  $('stat-km').textContent = (metres / 1000).toFixed(2);
  $('stat-fixes').textContent = String(fixes);
}

async function keepPhoto(file) {
  if (!file) return;
  const current = await queue.current();
  await queue.put({ id: newKey(), kind: 'photo', patrol: current?.id ?? null, blob: file, type: file.type || 'image/jpeg', at: Date.now() });
  $('photo').value = '';
  message('照片已保存，随巡河记录上传');
  await showPending();
}

async function keepReport(form) {
  const current = await queue.current();
  const fixes = current ? await queue.fixes(current.id) : [];
  const at = fixes[fixes.length - 1];
  if (!at) { message('尚无定位，无法记录问题位置'); return; }
  await queue.put({ id: newKey(), kind: 'report', patrol: current.id, category: form.get('category'), description: form.get('description'), lon: at.lon, lat: at.lat, at: Date.now() });
  $('report').reset();
  $('report').hidden = true;
  message('问题已记录，巡河结束后随记录上报');
  await showPending();
}

async function finish() {
  const current = await queue.current();
  if (!current) return;
  if (watch !== null) navigator.geolocation.clearWatch(watch);
  watch = null;
  clearInterval(timer);
  const fixes = await queue.fixes(current.id);
  $('start').hidden = false;
  $('end').hidden = true;
  await queue.clearCurrent();
  if (fixes.length < 2) {
    await queue.dropFixes(current.id);
    message('定位点太少，未形成巡河记录');
    return;
  }
  const feature = {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: fixes.map(f => [f.lon, f.lat]) },
    properties: { times: fixes.map(f => new Date(f.t).toISOString()), photo_urls: [] },
  };
  await queue.put({ id: current.id, kind: 'patrol', patrol: current.id, feature });
  await queue.dropFixes(current.id);
  message('巡河已结束');
  await showPending();
  await flush();
}

// ---------------------------------------------------------------- sending what waits

async function showPending() {
  const [patrols, photos, reports] = await Promise.all(['patrol', 'photo', 'report'].map(k => queue.items(k)));
  const parts = [];
  if (patrols.length) parts.push(`巡河记录 ${patrols.length}`);
  if (photos.length) parts.push(`照片 ${photos.length}`);
  if (reports.length) parts.push(`问题 ${reports.length}`);
  $('pending').textContent = parts.length ? `待上传：${parts.join('，')}` : '';
  $('pending').dataset.count = String(patrols.length + photos.length + reports.length);
}

function flush() {
  flushing ??= send().finally(() => { flushing = null; });
  return flushing;
}

async function send() {
  if (!navigator.onLine || !session.user) return;
  try {
    // A page started offline has no antiforgery token yet: writes need it.
    if (!session.antiforgery) await loadSession();
    if (session.user?.role !== 'chief') { show('login'); return; }
    for (const patrol of await queue.items('patrol')) {
      // Photos first, so the patrol names them; a retried upload of the same bytes returns the same photo.
      const photos = (await queue.items('photo')).filter(p => p.patrol === patrol.id);
      for (const photo of photos) {
        const { data } = await fetchJson('/api/photos', { method: 'POST', body: photo.blob, headers: { 'Content-Type': photo.type } });
        patrol.feature.properties.photo_urls.push(data.url);
        await queue.put(patrol);
        await queue.remove(photo.id);
      }
      const { data } = await fetchJson('/api/patrols', {
        method: 'POST', body: JSON.stringify(patrol.feature), headers: { 'Content-Type': 'application/geo+json', 'Idempotency-Key': patrol.id },
      });
      await queue.remove(patrol.id);
      for (const report of (await queue.items('report')).filter(r => r.patrol === patrol.id)) {
        await fetchJson('/api/issues', {
          method: 'POST',
          headers: { 'Content-Type': 'application/geo+json', 'Idempotency-Key': report.id },
          body: JSON.stringify({
            type: 'Feature', geometry: { type: 'Point', coordinates: [report.lon, report.lat] },
            properties: { category: report.category, description: report.description, source: 'patrol', patrol_id: data.id, reported_at: new Date(report.at).toISOString() },
          }),
        });
        await queue.remove(report.id);
      }
      await showVerdict(data);
    }
  } catch (e) {
    // The session ended (expired, signed out elsewhere): what is queued stays and goes after signing in again.
    if (e.status === 401) { session.clear(); show('login'); $('login-msg').textContent = '登录已过期，请重新登录；未上传的记录已保留'; }
    else message(`上传未完成，稍后重试 ${problemHtml(e)}`);
  }
  await showPending();
}

async function showVerdict(patrol) {
  const p = patrol.properties;
  const box = $('verdict');
  box.dataset.state = p.valid ? 'valid' : 'invalid';
  box.innerHTML = p.valid
    ? `<p class="verdict-ok">✓ 有效巡河</p><p>${(p.length_m / 1000).toFixed(2)} 公里，${Math.round(p.duration_min)} 分钟，沿责任河段 ${Math.round(p.own_share_percent)}%</p>`
    : `<p class="verdict-bad">✗ 无效巡河</p><p>${p.reasons.map(r => esc(PATROL_REASON[r] || r)).join('、')}</p>`;
  const { data } = await fetchJson(withQuery('/api/patrols/compliance', { period: thisMonth(new Date(p.started_at)) }));
  const row = data.chiefs[0];
  if (!row) return;
  $('period').dataset.shortfall = String(row.shortfall);
  $('period').innerHTML = `<p>${esc(data.period_label)}：有效巡河 <strong>${row.valid_patrols}</strong> 次（${esc(row.rule)}）`
    + (row.shortfall > 0 ? `，<span class="short">还差 ${row.shortfall} 次</span>` : '，<strong>已达标</strong>')
    + (row.xun_counts ? `<br>${row.xun_counts.map(x => `${esc(x.label.slice(-2))} ${x.valid} 次`).join('，')}` : '') + '</p>';
}

function message(html) { $('home-msg').innerHTML = html; }

/** Metres between two fixes (haversine: enough for a running total on the screen). */
function distance(a, b) {
  const r = 6371008.8;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
}

const ready = start();
window.riverGisPatrol = { ready, flush: () => flush(), queue: () => queue };
ready.then(() => { document.body.dataset.ready = 'true'; }, e => {
  document.body.dataset.ready = 'error';
  console.error('巡河 failed to start', e);
});
