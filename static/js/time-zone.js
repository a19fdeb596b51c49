/* A time-zone box marked data-browser-time-zone (a new production's) starts as the browser's
   own zone when it is empty and that zone is one the server offers (its datalist). A file,
   not an inline script: the Content-Security-Policy allows only the site's own files. */
(() => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  for (const input of document.querySelectorAll("input[data-browser-time-zone]")) {
    const offered = input.list ? [...input.list.options].some((o) => o.value === zone) : true;
    if (!input.value && offered) input.value = zone;
  }
})();
