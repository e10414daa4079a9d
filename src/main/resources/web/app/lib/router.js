// Hash routes carry page names and opaque ids only: search terms and other personal data stay
// in memory, so they never reach the address bar, the history or a server log.
const listeners = new Set();

export function currentRoute() {
  const path = location.hash.replace(/^#\/?/, '');
  const [page = 'overview', id = null] = path.split('/').map((p) => decodeURIComponent(p));
  return { page: page || 'overview', id };
}

export function href(page, id) {
  return id ? `#/${page}/${encodeURIComponent(id)}` : `#/${page}`;
}

export function go(page, id) {
  location.hash = href(page, id);
}

export function onRouteChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

window.addEventListener('hashchange', () => listeners.forEach((l) => l(currentRoute())));
