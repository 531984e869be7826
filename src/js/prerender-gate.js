// Written into the page by `.ci/prerender.mjs` (release builds). index.html carries a
// snapshot of the widget's first view (the default template, nothing filled in), so the
// page shows it before the wasm has started; the app replaces it when it mounts (src/main.rs).
// A visitor with saved work or a share link would see that snapshot swapped for their own
// a moment later, so for them it stays hidden (`.cc-no-prerender` in style/page.css).
// A classic script right after the stylesheet, before the module script and the preloads:
// it runs before the snapshot is parsed, and the parser waits for it, so it is fetched among
// the first requests (last, behind the wasm and module preloads, it arrived ~60 ms later on
// HTTP/1.1's six connections per host, and delayed the first paint by as much).
try {
  const saved = localStorage.getItem('__KEY__');
  if ((saved !== null && saved !== __DEFAULT__) || location.hash.startsWith('#s=')) {
    document.documentElement.classList.add('cc-no-prerender');
  }
} catch {
  // No storage (e.g. blocked by the browser): nothing was saved, so show the snapshot.
}
