import { type User, login } from '../api.js';
import { announce, attempt, h } from '../ui.js';

export async function renderLogin(main: HTMLElement, onLoggedIn: (user: User) => Promise<void>): Promise<void> {
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h(
    'form',
    {
      class: 'card narrow',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const session = await attempt(() => login(username.value.trim(), password.value));
        if (!session) {
          password.select();
          return;
        }
        announce(`Ingelogd als ${session.user.name}`);
        await onLoggedIn(session.user);
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'username' }, 'Gebruikersnaam'), username),
    h('div', { class: 'field' }, h('label', { for: 'password' }, 'Wachtwoord'), password),
    h('button', { type: 'submit' }, 'Inloggen'),
  );
  main.replaceChildren(
    h('h1', {}, 'Inloggen bij Doorzet'),
    h('p', {}, 'Doorzet helpt vastgelopen casussen in het sociaal domein tijdig op te schalen.'),
    form,
  );
}
