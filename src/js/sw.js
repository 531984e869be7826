// Service worker of the standalone app: after the first visit every asset is served from the
// cache, so the app works with the network off. Nothing is ever fetched from another origin.
//
// `.ci/postbuild.mjs` fills in VERSION (a hash of every asset) and ASSETS (every file the app
// needs). A new deployment changes VERSION, so the browser installs the new worker: it caches
// the new assets, takes over, deletes the old cache, and the page offers a reload.
const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const CACHE = `contract-calc-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(ASSETS.map((a) => new Request(a, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('contract-calc-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// Cache first for our own files (their content is fixed per VERSION); pages are looked up
// without their query so `/?x` still opens offline. Other origins are not touched.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  const page = request.mode === 'navigate';
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(request, { ignoreSearch: page }))
      .then((hit) => hit ?? fetch(request)),
  );
});

// The page asks which version is running (tests, and the update notice).
self.addEventListener('message', (event) => {
  if (event.data === 'version') event.source?.postMessage({ version: VERSION });
});
