import './zod-config.js';
import './styles.css';
import { type User, api, currentSession, logout, onUnauthorised } from './api.js';
import { renderCase } from './pages/case.js';
import { renderCases } from './pages/cases.js';
import { renderBeheer } from './pages/beheer.js';
import { renderDashboard } from './pages/dashboard.js';
import { renderResidentMelding } from './pages/inwoner.js';
import { renderErvaring } from './pages/ervaring.js';
import { renderEvaluation } from './pages/evaluation.js';
import { renderPrivacy } from './pages/privacy.js';
import { renderFeedback } from './pages/feedback.js';
import { renderLearningAgenda } from './pages/learning-agenda.js';
import { renderLogin } from './pages/login.js';
import { renderMelding } from './pages/melding.js';
import { renderModeler } from './pages/modeler.js';
import { renderNewRegion } from './pages/new-region.js';
import { renderTask, renderTasks } from './pages/tasks.js';
import { navigate } from './navigate.js';
import { setTaskCount } from './task-count.js';
import { canAdminister, canModel, canSeeLearningAgenda, canWatch, chooseRegion, currentRegion, readsFeedback, regions, state, worksCases } from './session.js';
import { clearError, focusHeading, h, showError } from './ui.js';

/**
 * Hash routes keep the app a set of static files: the API server needs no fallback
 * route and a reload lands on the same page.
 */
type Page = (main: HTMLElement, params: string[], user: User) => Promise<void | (() => void)>;

const routes: Array<[RegExp, Page]> = [
  [/^\/modeler\/([a-z0-9-]+)$/, (main, [region], user) => renderModeler(main, region as string, user)],
  [/^\/nieuwe-regio$/, (main, _p, user) => renderNewRegion(main, user)],
  [/^\/taken$/, (main, _p, user) => renderTasks(main, user)],
  [/^\/taken\/([^/]+)$/, (main, [key], user) => renderTask(main, key as string, user)],
  [/^\/melding\/([a-z0-9-]+)$/, (main, [region]) => renderMelding(main, region as string)],
  [/^\/casus\/([^/]+)$/, (main, [id], user) => renderCase(main, id as string, user)],
  [/^\/dashboard\/([a-z0-9-]+)$/, (main, [region]) => renderDashboard(main, region as string)],
  [/^\/casussen\/([a-z0-9-]+)$/, (main, [region], user) => renderCases(main, region as string, user)],
  [/^\/beheer\/([a-z0-9-]+)$/, (main, [region]) => renderBeheer(main, region as string)],
  [/^\/privacy\/([a-z0-9-]+)$/, (main, [region]) => renderPrivacy(main, region as string)],
  [/^\/leeragenda\/([a-z0-9-]+)$/, (main, [region], user) => renderLearningAgenda(main, region as string, user)],
  [/^\/terugkoppelingen\/([a-z0-9-]+)$/, (main, [region]) => renderFeedback(main, region as string)],
  [/^\/jaarevaluatie\/([a-z0-9-]+)$/, (main, [region]) => renderEvaluation(main, region as string)],
];

/**
 * Per region, the roles that organise its learning meeting and its board roles: the navigation
 * offers them the Leeragenda and the Terugkoppelingen.
 */
async function regionRoles(): Promise<{ learningOrganisers: Record<string, string[]>; boardRoles: Record<string, string[]> }> {
  const list = await api.get<Array<{ id: string; learningOrganisers: string[]; boardRoles: string[] }>>('/api/regions').catch(() => []);
  return {
    learningOrganisers: Object.fromEntries(list.map((r) => [r.id, r.learningOrganisers])),
    boardRoles: Object.fromEntries(list.map((r) => [r.id, r.boardRoles])),
  };
}

let cleanup: (() => void) | undefined;
let routeGeneration = 0;

/** The page's path; a query after `?` (a list's filters) is the page's own business. */
function path(): string {
  return decodeURIComponent(location.hash.replace(/^#/, '').split('?')[0] ?? '') || '/';
}


function home(user: User): string {
  const region = currentRegion(user);
  if (canModel(user, region)) return `/modeler/${region}`;
  if (canWatch(user, region) && !worksCases(user, region)) return `/dashboard/${region}`;
  if (canAdminister(user, region) && !worksCases(user, region)) return `/beheer/${region}`;
  return '/taken';
}

async function route(): Promise<void> {
  cleanup?.();
  cleanup = undefined;
  clearError();
  const main = document.getElementById('main') as HTMLElement;
  // The resident's own melding is public: no account, no app navigation, whoever is signed in.
  const resident = /^\/inwoner\/([a-z0-9-]+)$/.exec(path());
  if (resident) {
    renderShell(undefined);
    await renderResidentMelding(main, resident[1] as string);
    setTitle(main);
    focusHeading(main);
    return;
  }
  // The resident's answer after a closed case: the one-time token is the only key, in the fragment the server never sees.
  const experience = /^\/ervaring\/([A-Za-z0-9_-]+)$/.exec(path());
  if (experience) {
    renderShell(undefined);
    await renderErvaring(main, experience[1] as string);
    setTitle(main);
    focusHeading(main);
    return;
  }
  if (!state.user) {
    // The next user may organise other regions' meetings.
    state.learningOrganisers = undefined;
    state.boardRoles = undefined;
    renderShell(undefined);
    await renderLogin(main, async (user) => {
      state.user = user;
      navigate(home(user));
    });
    setTitle(main);
    focusHeading(main);
    return;
  }
  const user = state.user;
  if (!state.learningOrganisers || !state.boardRoles) Object.assign(state, await regionRoles());
  const current = path();
  const match = routes.map(([pattern, page]) => [pattern.exec(current), page] as const).find(([m]) => m);
  if (!match) {
    navigate(home(user));
    return;
  }
  const [m, page] = match;
  const params = (m as RegExpExecArray).slice(1);
  const regionParam = current.startsWith('/taken') || current.startsWith('/casus') ? undefined : params[0];
  if (regionParam && regions(user).includes(regionParam)) chooseRegion(regionParam);
  renderShell(user);
  // Each route renders into its own container, so a slower page of a route already left (the
  // dashboard still loading after sign-in when a link is followed) writes into a detached one.
  const generation = ++routeGeneration;
  const host = h('div', { class: 'page' }, h('p', {}, 'Bezig met laden …'));
  main.replaceChildren(host);
  try {
    const result = await page(host, params, user);
    if (generation !== routeGeneration) {
      if (typeof result === 'function') result();
      return;
    }
    if (typeof result === 'function') cleanup = result;
  } catch (error) {
    if (generation !== routeGeneration) return;
    host.replaceChildren(h('h1', {}, 'Deze pagina kon niet worden geladen'));
    showError(error);
  }
  setTitle(main);
  focusHeading(main);
}

/** Each page has its own title (WCAG 2.4.2): its heading, then the product. */
function setTitle(main: HTMLElement): void {
  const heading = main.querySelector('h1')?.textContent?.trim();
  document.title = heading ? `${heading} — Doorzet` : 'Doorzet';
}

/** Policy staff get tasks too (contact details to fill in), so "Mijn taken" is for everyone who can receive one. */
function getsTasks(user: User, region: string): boolean {
  return worksCases(user, region) || canModel(user, region);
}

/** The number of open tasks beside "Mijn taken", so waiting work is seen from every page. */
async function showTaskCount(link: HTMLElement): Promise<void> {
  const count = await api.get<{ total: number }>('/api/tasks/count').catch(() => undefined);
  if (!count || !link.isConnected) return;
  setTaskCount(count.total);
}

function renderShell(user: User | undefined): void {
  const nav = document.getElementById('nav') as HTMLElement;
  const account = document.getElementById('account') as HTMLElement;
  if (!user) {
    nav.replaceChildren();
    account.replaceChildren();
    return;
  }
  const region = currentRegion(user);
  const links: Array<[string, string]> = [];
  if (getsTasks(user, region)) links.push(['/taken', 'Mijn taken']);
  if (worksCases(user, region)) links.push([`/melding/${region}`, 'Melding maken']);
  if (worksCases(user, region) || canWatch(user, region)) links.push([`/casussen/${region}`, 'Casussen']);
  if (canModel(user, region)) links.push([`/modeler/${region}`, 'Escalatiemodel']);
  if (canWatch(user, region)) links.push([`/dashboard/${region}`, 'Dashboard']);
  if (canSeeLearningAgenda(user, region)) links.push([`/leeragenda/${region}`, 'Leeragenda']);
  if (canSeeLearningAgenda(user, region)) links.push([`/jaarevaluatie/${region}`, 'Jaarevaluatie']);
  if (readsFeedback(user, region)) links.push([`/terugkoppelingen/${region}`, 'Terugkoppelingen']);
  if (canAdminister(user, region)) links.push([`/beheer/${region}`, 'Storingen']);
  if (canAdminister(user, region)) links.push([`/privacy/${region}`, 'Privacy']);
  const current = path();
  nav.replaceChildren(
    h(
      'ul',
      {},
      ...links.map(([to, label]) =>
        h('li', {}, h('a', { href: `#${to}`, id: to === '/taken' ? 'nav-tasks' : null, 'aria-current': current === to || (to === '/taken' && current.startsWith('/taken')) ? 'page' : null }, label)),
      ),
    ),
  );
  const tasksLink = document.getElementById('nav-tasks');
  if (tasksLink) void showTaskCount(tasksLink);
  const picker = h(
    'select',
    {
      id: 'region-picker',
      onchange: (event: Event) => {
        const next = (event.target as HTMLSelectElement).value;
        chooseRegion(next);
        const face = current.split('/')[1];
        navigate(face === 'modeler' || face === 'dashboard' || face === 'melding' || face === 'casussen' || face === 'beheer' || face === 'privacy' || face === 'leeragenda' || face === 'jaarevaluatie' || face === 'terugkoppelingen' ? `/${face}/${next}` : home(user));
      },
    },
    ...regions(user).map((r) => h('option', { value: r, selected: r === region }, r)),
  );
  account.replaceChildren(
    h('label', { for: 'region-picker' }, 'Regio'),
    picker,
    h('span', { class: 'user-name' }, user.name),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        onclick: async () => {
          await logout().catch(() => undefined);
          state.user = undefined;
          state.learningOrganisers = undefined;
          state.boardRoles = undefined;
          navigate('/');
        },
      },
      'Uitloggen',
    ),
  );
}

onUnauthorised(() => {
  state.user = undefined;
  void route().then(() => showError(new Error('Uw sessie is verlopen. Log opnieuw in.')));
});

window.addEventListener('hashchange', () => void route());

async function boot(): Promise<void> {
  try {
    const session = await currentSession();
    state.user = session?.user;
  } catch (error) {
    showError(error);
  }
  await route();
}

void boot();
