import { ApiError } from './api.js';

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** Builds an element; `on*` attributes become listeners, `false`/`null` attributes are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name === 'value' && 'value' in el) (el as HTMLInputElement).value = String(value);
    else if (name === 'checked' && el instanceof HTMLInputElement) el.checked = Boolean(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Polite announcement in the shared live region (screen readers read it without moving focus). */
export function announce(message: string): void {
  const region = document.getElementById('status');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after a tick makes repeated identical messages audible too.
  window.setTimeout(() => (region.textContent = message), 50);
}

/** An error for the person in front of the screen: assertive, in Dutch. */
export function showError(error: unknown): void {
  const region = document.getElementById('alert');
  if (!region) return;
  region.textContent = error instanceof Error ? error.message : 'Er ging iets mis.';
  region.hidden = false;
}

export function clearError(): void {
  const region = document.getElementById('alert');
  if (!region) return;
  region.textContent = '';
  region.hidden = true;
}

/** Runs an action, shows its failure in Dutch; returns undefined when it failed. */
export async function attempt<T>(action: () => Promise<T>): Promise<T | undefined> {
  clearError();
  try {
    return await action();
  } catch (error) {
    showError(error);
    return undefined;
  }
}

export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !error.problem.errors) return {};
  const out: Record<string, string> = {};
  const errors = error.problem.errors;
  if (Array.isArray(errors)) {
    for (const item of errors as Array<{ path?: string | Array<string | number>; field?: string; message?: string }>) {
      const key = Array.isArray(item.path) ? item.path.join('.') : (item.path ?? item.field ?? '');
      if (key && item.message) out[key] = item.message;
    }
  } else if (typeof errors === 'object') {
    for (const [key, value] of Object.entries(errors as Record<string, unknown>)) {
      out[key] = Array.isArray(value) ? value.join(' ') : String(value);
    }
  }
  return out;
}

// dd-mm-jjjj uu:mm, the way dates are typed into Doorzet too (dates.ts), in Dutch time.
const dateTime = new Intl.DateTimeFormat('nl-NL', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date).replace(',', '');
}

export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return '—';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${hours.toFixed(1).replace('.', ',')} uur`;
  return `${(hours / 24).toFixed(1).replace('.', ',')} dagen`;
}

/** The page heading receives focus after navigation, so screen-reader users land on the new content. */
export function focusHeading(root: HTMLElement): void {
  const heading = root.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

export type Cell = string | number | Node;

/** A data table whose first cell is the row header (dashboard, jaarevaluatie); cells may be links. */
export function dataTable(id: string, caption: string, headers: string[], rows: Cell[][]): HTMLTableElement {
  const cell = (c: Cell) => (c instanceof Node ? c : String(c));
  return h(
    'table',
    { id, class: 'data-table' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...headers.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, cell(c)) : h('td', {}, cell(c))))))),
  );
}
