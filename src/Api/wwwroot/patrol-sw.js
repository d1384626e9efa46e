// The phone page's service worker: keeps the page itself (HTML, modules, style, manifest) so it opens without a
// network on the river bank; API calls always go to the network (the page queues what it cannot send in IndexedDB).
const CACHE = 'rivergis-patrol-v2';
const SHELL = ['/patrol.html', '/patrol.webmanifest', '/favicon.svg', '/css/patrol.css', '/js/patrol-app.js', '/js/patrol-queue.js',
  '/js/api.js', '/js/session.js', '/js/auth.js', '/js/labels.js'];

self.addEventListener('install', event => event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(SHELL)).then(() => self.skipWaiting())));

self.addEventListener('activate', event => event.waitUntil(
  caches.keys().then(keys => Promise.all(keys.filter(k => k !== CACHE).map(k => caches.delete(k)))).then(() => self.clients.claim())));

self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin || !SHELL.includes(url.pathname)) return;
  // Network first (a new version is picked up at once), the cached copy when the network is down.
  event.respondWith(fetch(event.request).then(response => {
    const copy = response.clone();
    caches.open(CACHE).then(cache => cache.put(event.request, copy));
    return response;
  }).catch(() => caches.match(event.request)));
});
