/**
 * The one door to the Doorzet API. Every mutating request carries the CSRF token the
 * session endpoints hand out; every error arrives as problem+json and leaves here as
 * an ApiError with a Dutch message a person can act on.
 */

export type Membership = { region: string; role: string };
export type User = { id: string; name: string; memberships: Membership[] };
export type Session = { user: User; csrfToken: string };

export type Problem = {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: unknown;
};

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(dutchMessage(problem));
  }
}

const FALLBACK: Record<number, string> = {
  400: 'Het verzoek is niet goed opgebouwd.',
  401: 'U bent niet (meer) ingelogd. Log opnieuw in.',
  403: 'U heeft geen toegang tot deze gegevens.',
  404: 'Niet gevonden.',
  409: 'Dit is intussen door iemand anders gewijzigd of opgepakt. Vernieuw de pagina.',
  422: 'De invoer is niet geldig. Controleer de gemarkeerde velden.',
};

/** The server's own Dutch detail when it gives one, otherwise a plain message for the status. */
export function dutchMessage(problem: Problem): string {
  const base = FALLBACK[problem.status] ?? (problem.status >= 500 ? 'Er ging iets mis op de server. Probeer het later opnieuw.' : 'Het verzoek is mislukt.');
  if (problem.detail && problem.detail !== problem.title) return `${base} ${problem.detail}`;
  return base;
}

let csrfToken: string | undefined;
const unauthorisedListeners: Array<() => void> = [];

export function onUnauthorised(listener: () => void): void {
  unauthorisedListeners.push(listener);
}

async function request<T>(method: string, url: string, body?: unknown, meta?: { total?: number }): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { status: 0, detail: 'De server is niet bereikbaar. Controleer de verbinding.' });
  }
  const total = response.headers.get('X-Total-Count');
  if (meta && total !== null) meta.total = Number(total);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const problem: Problem = isObject(parsed) ? ({ ...parsed, status: response.status } as Problem) : { status: response.status };
    if (response.status === 401 && url !== '/api/session') for (const listener of unauthorisedListeners) listener();
    throw new ApiError(response.status, problem);
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  /** A page of a list and the total the API reports in X-Total-Count. */
  page: async <T>(url: string) => {
    const meta: { total?: number } = {};
    const items = await request<T[]>('GET', url, undefined, meta);
    return { items, total: meta.total ?? items.length };
  },
  post: <T>(url: string, body: unknown = {}) => request<T>('POST', url, body),
  put: <T>(url: string, body: unknown) => request<T>('PUT', url, body),
  delete: <T>(url: string) => request<T>('DELETE', url),
};

export async function currentSession(): Promise<Session | undefined> {
  try {
    const session = await api.get<Session>('/api/session');
    csrfToken = session.csrfToken;
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return undefined;
    throw error;
  }
}

export async function login(username: string, password: string): Promise<Session> {
  const session = await api.post<Session>('/api/session', { username, password }).catch((error: unknown) => {
    if (error instanceof ApiError && (error.status === 401 || error.status === 422)) {
      throw new Error('De gebruikersnaam of het wachtwoord is onjuist.');
    }
    throw error;
  });
  csrfToken = session.csrfToken;
  return session;
}

export async function logout(): Promise<void> {
  try {
    await api.delete('/api/session');
  } finally {
    csrfToken = undefined;
  }
}

// Response shapes from the API contract (docs/api: /api/openapi.json).

export type RegionSummary = { id: string; name: string; roles: unknown[] };

export type ModelVersion = {
  version: number;
  author: string;
  comment: string;
  createdAt: string;
  deployedAt: string | null;
  processDefinitionKey: string | null;
  engineVersion: number | null;
};

export type Finding = { elementId: string | null; rule: string; message: string };

export type Task = {
  key: string;
  caseId: string;
  caseReference: string;
  region: string;
  name: string;
  elementId: string;
  form: string | null;
  candidateGroups: string[];
  roleNames: string[];
  assignee: string | null;
  /** The assignee is the signed-in user. */
  mine: boolean;
  dueDate: string | null;
  overdue: boolean;
  createdAt: string;
  /** The signed-in user's own follow-up date (yyyy-mm-dd). */
  followUp: string | null;
};

export type CaseDetail = {
  id: string;
  reference: string;
  region: string;
  status: string;
  currentTier?: number;
  position: string[];
  processDefinitionKey: string | null;
  [key: string]: unknown;
};

export type CaseListItem = {
  id: string;
  reference: string;
  region: string;
  status: string;
  currentTier: number;
  domains: string[];
  safety: boolean;
  urgentie: 'regulier' | 'crisis';
  reportedAt: string;
  waitingFor: string[];
  dueDate: string | null;
  overdue: boolean;
};

export type Decision = { id: string; form: string; responsibleParty: string | null; rationale: string; decidedBy: string; decidedRole: string; decidedAt: string };

export type RegionSettings = {
  id: string;
  name: string;
  tiers: Array<{ number: number; name: string }>;
  roles: Array<{ id: string; name: string; tier: number }>;
};

export type TimelineEvent = { at: string; kind: string; tier: number | null; actor: string; summary: string; details: Record<string, unknown> };

export type LeadTime = { medianHours: number | null; p90Hours: number | null; n: number };
export type Metrics = {
  computedAt: string;
  reported: number;
  openPerTier: Array<{ tier: number; count: number }>;
  leadTimes: { pickup: LeadTime; waiting: LeadTime; waitingHelp: LeadTime; total: LeadTime };
  leadTimesByMonth: Array<{ month: string; pickupMedianHours: number | null; waitingMedianHours: number | null }>;
  tiers: Array<{ tier: number; timeSpent: LeadTime; escalatedInto: number; automatic: number; solvedHere: number; decidedHere: number; highestFor: number }>;
  decided: number;
  autoEscalations: number;
  knelpunten: Array<{ category: string; count: number }>;
};

export type ElementStatistics = {
  processDefinitionKey: string | null;
  xml: string | null;
  elements: Array<{
    elementId: string;
    name: string;
    active: number;
    overdue: number;
    incidents: number;
    failures: Array<{ message: string; count: number }>;
    onlyInOlderVersions: boolean;
  }>;
  versions: Array<{ version: number; active: number }>;
};
