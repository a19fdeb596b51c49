/* On the login and logged-out pages (reached after logging out or when a session ends): a
   shared phone must not keep the last user's pages. A file rather than an inline script:
   the Content-Security-Policy allows scripts only from the site's own files. */
if ("caches" in window) caches.delete("callboard-pages");
if (navigator.serviceWorker && navigator.serviceWorker.controller) {
  navigator.serviceWorker.controller.postMessage("forget-pages");
}
