import { h } from './ui.js';

/**
 * The number of open tasks beside "Mijn taken" in the header. Set by the shell on every page and
 * by the task list whenever it reads the tasks, so the two never disagree.
 */
export function setTaskCount(count: number): void {
  const link = document.getElementById('nav-tasks');
  if (!link) return;
  link.querySelector('.nav-count')?.remove();
  link.append(h('span', { class: 'nav-count', id: 'task-count' }, String(count), h('span', { class: 'visually-hidden' }, count === 1 ? ' openstaande taak' : ' openstaande taken')));
}
