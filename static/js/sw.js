/* Callboard service worker: pages a crew member has opened stay readable offline.

   - Static files (CSS, JS): cache first; they are versioned by deploys.
   - Pages (GET navigations): network first, so a fresh signal always shows the latest
     version; the copy is kept and shown, marked as saved, when the network is gone.
   - Nothing is kept for other origins, POSTs, the API or the admin.
   Logging out clears the saved pages (see registration/logged_out.html). */
const VERSION = "v2";
const STATIC_CACHE = `callboard-static-${VERSION}`;
const PAGE_CACHE = "callboard-pages";
const OFFLINE_URL = "/offline/";
const PRECACHE = [OFFLINE_URL, "/static/css/callboard.css", "/static/js/htmx.min.js"];

self.addEventListener("install", (event) => {
  // Without cookies: what is kept for everyone must not carry anyone's session.
  event.waitUntil(
    caches.open(STATIC_CACHE).then((cache) =>
      Promise.all(
        PRECACHE.map((url) =>
          fetch(url, { credentials: "omit" }).then((response) => cache.put(url, response)),
        ),
      ),
    ),
  );
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) =>
      Promise.all(
        keys
          .filter((key) => key.startsWith("callboard-static-") && key !== STATIC_CACHE)
          .map((key) => caches.delete(key)),
      ),
    ),
  );
  self.clients.claim();
});

function isPage(request, url) {
  return (
    request.method === "GET" &&
    request.mode === "navigate" &&
    url.origin === self.location.origin &&
    !url.pathname.startsWith("/api/") &&
    !url.pathname.startsWith("/admin/") &&
    !url.pathname.startsWith("/accounts/") &&
    !url.pathname.startsWith("/account/")
  );
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method === "GET" && url.origin === self.location.origin && url.pathname.startsWith("/static/")) {
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              caches.open(STATIC_CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
    return;
  }
  if (!isPage(request, url)) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        // Keep only real pages: not redirects (to the login page) or errors.
        if (response.ok && !response.redirected) {
          const copy = response.clone();
          caches.open(PAGE_CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() =>
        caches
          .match(request, { cacheName: PAGE_CACHE })
          .then((cached) => cached || caches.match(OFFLINE_URL)),
      ),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "forget-pages") caches.delete(PAGE_CACHE);
});
