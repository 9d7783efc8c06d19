import { ApiError, api } from './api.js';
import { announce, attempt, formatDateTime, h } from './ui.js';

type Comment = { id: string; author: string; role: string; body: string; at: string };

/**
 * The case's comment thread: the roles that work the case talk beside its decisions. Others get
 * a sentence instead of the thread (need-to-know, like the resident's data).
 */
export async function commentThread(caseId: string, roleName: (role: string) => string): Promise<HTMLElement> {
  const list = h('ol', { id: 'comments', class: 'comments' });
  const section = h('section', { 'aria-labelledby': 'comments-heading', class: 'card' }, h('h2', { id: 'comments-heading' }, 'Opmerkingen'));
  let comments: Comment[];
  try {
    comments = await api.get<Comment[]>(`/api/cases/${caseId}/comments`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      section.append(h('p', { id: 'comments-denied' }, 'Alleen de rollen die deze casus behandelen zien en plaatsen opmerkingen.'));
      return section;
    }
    throw error;
  }
  const item = (c: Comment) => h('li', {}, h('p', { class: 'comment-meta' }, h('strong', {}, c.author), ` (${roleName(c.role)}) · `, h('time', { datetime: c.at }, formatDateTime(c.at))), h('p', {}, c.body));
  const empty = h('p', { id: 'comments-empty' }, 'Nog geen opmerkingen.');
  list.replaceChildren(...comments.map(item));
  const text = h('textarea', { id: 'comment-text', rows: 3, maxlength: 4000, 'aria-describedby': 'comment-hint comment-error' });
  const error = h('p', { id: 'comment-error', class: 'field-error' });
  const form = h(
    'form',
    {
      id: 'comment-form',
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        error.textContent = '';
        if (!text.value.trim()) {
          error.textContent = 'Schrijf eerst een opmerking.';
          text.setAttribute('aria-invalid', 'true');
          text.focus();
          return;
        }
        text.removeAttribute('aria-invalid');
        const added = await attempt(() => api.post<Comment>(`/api/cases/${caseId}/comments`, { tekst: text.value.trim() }));
        if (!added) return;
        empty.remove();
        list.append(item(added));
        text.value = '';
        announce('Opmerking geplaatst.');
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'comment-text' }, 'Nieuwe opmerking'), h('p', { id: 'comment-hint', class: 'hint' }, 'Zichtbaar voor iedereen die deze casus behandelt. Geen gezondheidsgegevens.'), text, error),
    h('button', { type: 'submit', id: 'comment-submit' }, 'Opmerking plaatsen'),
  );
  section.append(...(comments.length === 0 ? [empty] : []), list, form);
  return section;
}
