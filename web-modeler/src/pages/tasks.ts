import { type CaseDetail, type Decision, type RegionSettings, type Task, type TimelineEvent, type User, api } from '../api.js';
import { caseContext, timeLeft } from '../case-context.js';
import { commentThread } from '../comments.js';
import { DUTCH_DATE_HINT, toDutchDate, toIsoDate } from '../dates.js';
import { renderTaskForm } from '../forms.js';
import { navigate } from '../navigate.js';
import { setTaskCount } from '../task-count.js';
import { announce, attempt, formatDateTime, h } from '../ui.js';

function deadlineCell(task: Task): HTMLElement {
  const followUp = task.followUp ? h('span', { class: 'hint follow-up' }, ` · opvolgen op ${toDutchDate(task.followUp)}`) : null;
  if (!task.dueDate) return h('td', {}, 'Geen termijn', followUp);
  return h(
    'td',
    { class: task.overdue ? 'overdue' : '' },
    task.overdue ? h('strong', { class: 'overdue-label' }, 'Te laat: ') : null,
    formatDateTime(task.dueDate),
    followUp,
  );
}

function assigneeText(task: Task): string {
  if (!task.assignee) return 'Niemand';
  return task.mine ? 'U' : task.assignee;
}

async function claimOrRelease(task: Task, after: () => Promise<void>): Promise<void> {
  const mine = task.mine;
  const done = await attempt(async () => {
    await api.post(`/api/tasks/${task.key}/${mine ? 'release' : 'claim'}`);
    return true;
  });
  if (!done) return;
  // The task list is read from the engine's exported storage, which follows the command by a moment.
  for (let i = 0; i < 25; i++) {
    const current = await api.get<Task>(`/api/tasks/${task.key}`).catch(() => undefined);
    if (current && current.mine !== mine) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  announce(mine ? `Taak "${task.name}" is teruggegeven.` : `U heeft taak "${task.name}" opgepakt.`);
  await after();
}

/** A date for yourself to look at the task again; only you see it (and in Mijn taken). */
function followUpForm(task: Task): HTMLElement {
  const input = h('input', { type: 'text', id: 'follow-up', inputmode: 'numeric', 'data-date': 'dd-mm-jjjj', autocomplete: 'off', value: task.followUp ? toDutchDate(task.followUp) : '', 'aria-describedby': 'follow-up-hint follow-up-error' });
  const error = h('p', { id: 'follow-up-error', class: 'field-error' });
  const save = async (datum: string | null) => {
    const done = await attempt(() => api.put(`/api/tasks/${task.key}/follow-up`, { datum }));
    if (done === undefined) return;
    announce(datum ? `Opvolgdatum gezet op ${toDutchDate(datum)}.` : 'Opvolgdatum gewist.');
  };
  return h(
    'form',
    {
      id: 'follow-up-form',
      class: 'card',
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        error.textContent = '';
        const raw = input.value.trim();
        const iso = raw ? toIsoDate(raw) : null;
        if (raw && !iso) {
          error.textContent = 'Vul een datum in als dd-mm-jjjj.';
          input.setAttribute('aria-invalid', 'true');
          input.focus();
          return;
        }
        input.removeAttribute('aria-invalid');
        void save(iso ?? null);
      },
    },
    h('h2', {}, 'Opvolgen'),
    h('div', { class: 'field' }, h('label', { for: 'follow-up' }, 'Mijn opvolgdatum'), h('p', { id: 'follow-up-hint', class: 'hint' }, `Alleen voor uzelf. ${DUTCH_DATE_HINT} Leeg laten wist de datum.`), input, error),
    h('button', { type: 'submit', class: 'secondary', id: 'follow-up-save' }, 'Opvolgdatum opslaan'),
  );
}

const REFRESH_MS = 10_000;
const PAGE_SIZE = 50;

/** My open tasks over all my regions and roles, the nearest deadline first, a page at a time. */
export async function renderTasks(main: HTMLElement, user: User): Promise<() => void> {
  const body = h('tbody');
  const summary = h('p', { id: 'tasks-summary' });
  const paging = h('nav', { 'aria-label': 'Pagina’s van de takenlijst', class: 'paging' });
  // `#/taken?casus=<id>`: the open tasks of one case, reached from the case page.
  const caseId = new URLSearchParams(location.hash.split('?')[1] ?? '').get('casus');
  let page = 1;
  let shown = '';
  const load = async (onlyWhenChanged = false) => {
    const [listed, { total: all }] = await Promise.all([
      api.get<Task[]>(`/api/tasks?page=${caseId ? 1 : page}&pageSize=${caseId ? 200 : PAGE_SIZE}${caseId ? `&caseId=${encodeURIComponent(caseId)}` : ''}`),
      api.get<{ total: number }>('/api/tasks/count'),
    ]);
    setTaskCount(all);
    const tasks = listed;
    const total = caseId ? listed.length : all;
    // Rows are only rebuilt when the list changed, so a keyboard or screen-reader user
    // does not lose their place every time the list is checked for new tasks.
    const fingerprint = JSON.stringify([total, page, tasks.map((t) => [t.key, t.assignee, t.overdue])]);
    if (onlyWhenChanged && fingerprint === shown) return;
    shown = fingerprint;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (page > pages) {
      page = pages;
      return load();
    }
    const overdue = tasks.filter((t) => t.overdue).length;
    summary.textContent =
      total === 0
        ? 'U heeft geen openstaande taken.'
        : `${total} openstaande taak/taken${pages > 1 ? `; pagina ${page} van ${pages}` : ''}${overdue ? `, op deze pagina ${overdue} te laat` : ''}.`;
    const go = (to: number) => () => {
      page = to;
      void attempt(() => load()).then(() => announce(`Pagina ${page} van de takenlijst.`));
    };
    paging.replaceChildren(
      ...(pages > 1
        ? [
            h('button', { type: 'button', class: 'secondary', disabled: page <= 1, onclick: go(page - 1) }, 'Vorige pagina'),
            h('button', { type: 'button', class: 'secondary', disabled: page >= pages, onclick: go(page + 1) }, 'Volgende pagina'),
          ]
        : []),
    );
    body.replaceChildren(
      ...tasks.map((task) =>
        h(
          'tr',
          { 'data-task-key': task.key, 'data-overdue': task.overdue ? 'true' : 'false' },
          h('th', { scope: 'row' }, h('a', { href: `#/taken/${task.key}` }, task.name)),
          h('td', {}, h('a', { href: `#/casus/${task.caseId}` }, task.caseReference)),
          h('td', {}, task.region),
          h('td', {}, task.roleNames.join(', ')),
          deadlineCell(task),
          h('td', {}, assigneeText(task)),
          h(
            'td',
            {},
            h(
              'button',
              { type: 'button', class: 'secondary', onclick: () => void claimOrRelease(task, load) },
              task.mine ? 'Teruggeven' : 'Oppakken',
              h('span', { class: 'visually-hidden' }, `: ${task.name} ${task.caseReference}`),
            ),
          ),
        ),
      ),
    );
  };
  main.replaceChildren(
    h('h1', {}, caseId ? 'Mijn taken bij deze casus' : 'Mijn taken'),
    ...(caseId ? [h('p', {}, h('a', { href: '#/taken' }, 'Alle taken tonen'))] : []),
    summary,
    h(
      'table',
      { id: 'tasks' },
      h('caption', { class: 'visually-hidden' }, 'Openstaande taken, de eerstvolgende termijn bovenaan'),
      h('thead', {}, h('tr', {}, ...['Taak', 'Casus', 'Regio', 'Rol', 'Termijn', 'Opgepakt door', 'Actie'].map((c) => h('th', { scope: 'col' }, c)))),
      body,
    ),
    paging,
    h('button', { type: 'button', class: 'secondary', onclick: () => void attempt(() => load()).then(() => announce('Takenlijst bijgewerkt.')) }, 'Vernieuwen'),
  );
  await load();
  // New tasks appear without a reload: a melding or an escalation elsewhere lands here.
  const timer = setInterval(() => void load(true).catch(() => undefined), REFRESH_MS);
  return () => clearInterval(timer);
}

/** One task: what it is about, claim/release, and the form for the decision it asks. */
export async function renderTask(main: HTMLElement, key: string, user: User): Promise<void> {
  const task = await api.get<Task>(`/api/tasks/${key}`);
  // The case's context is read beside the task: the decision asked here rests on what happened before.
  const [detail, timeline, decisions, settings] = await Promise.all([
    api.get<CaseDetail>(`/api/cases/${task.caseId}`),
    api.get<TimelineEvent[]>(`/api/cases/${task.caseId}/timeline`),
    api.get<Decision[]>(`/api/cases/${task.caseId}/decisions`),
    api.get<RegionSettings>(`/api/regions/${task.region}`).catch(() => undefined),
  ]);
  const mine = task.mine;
  const formHost = h('div', { id: 'task-form' });
  const roles = task.roleNames;
  const roleName = (id: string) => settings?.roles.find((r) => r.id === id)?.name ?? id;
  main.replaceChildren(
    h('h1', {}, task.name),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Casus'),
      h('dd', {}, h('a', { href: `#/casus/${task.caseId}` }, task.caseReference)),
      h('dt', {}, 'Voor'),
      h('dd', {}, roles.join(', ')),
      h('dt', {}, 'Termijn'),
      h(
        'dd',
        { id: 'task-deadline' },
        task.overdue ? h('strong', { class: 'overdue-label' }, 'Te laat: ') : null,
        formatDateTime(task.dueDate),
        task.dueDate ? ` (${timeLeft(task.dueDate)})` : '',
      ),
      h('dt', {}, 'Opgepakt door'),
      h('dd', {}, assigneeText(task)),
    ),
    h(
      'div',
      { class: 'task-layout' },
      h(
        'div',
        {},
        h(
          'button',
          { type: 'button', id: 'claim-toggle', class: mine ? 'secondary' : '', onclick: () => void claimOrRelease(task, () => renderTask(main, key, user)) },
          mine ? 'Teruggeven' : 'Oppakken',
        ),
        formHost,
      ),
      h('div', {}, caseContext(detail, timeline, decisions, settings), followUpForm(task), await commentThread(task.caseId, roleName)),
    ),
  );
  if (!mine) {
    formHost.replaceChildren(h('p', {}, 'Pak de taak eerst op; dan kunt u haar afronden.'));
    return;
  }
  if (!task.form) {
    formHost.replaceChildren(h('p', { class: 'notice' }, 'Deze taak heeft geen formulier in het model. Meld dit bij de beleidsmedewerker van de regio.'));
    return;
  }
  renderTaskForm(formHost, task.form, async (values) => {
    await api.post(`/api/tasks/${key}/complete`, values);
    announce(`Taak "${task.name}" is afgerond.`);
    navigate(`/casus/${task.caseId}`);
  });
}
