/* Every page: register the service worker (static/js/sw.js, served at the site root so that
   its scope is every page). A file rather than an inline script: the Content-Security-Policy
   allows scripts only from the site's own files. */
(() => {
  const script = document.currentScript;
  const url = script && script.dataset.serviceWorker;
  if (url && "serviceWorker" in navigator) {
    window.addEventListener("load", () => navigator.serviceWorker.register(url));
  }
})();
