/** Kept apart from main.ts so pages can navigate without importing the router (and each other). */
export function navigate(to: string): void {
  if (decodeURIComponent(location.hash.replace(/^#/, '')) === to) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = to;
}
