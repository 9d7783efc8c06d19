import { type User, api, login } from '../api.js';
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
  // Production signs in through the organisation's identity provider; the button only shows when it is set up.
  const methods = await api.get<{ oidc: boolean }>('/api/session/methods').catch(() => ({ oidc: false }));
  main.replaceChildren(
    h('h1', {}, 'Inloggen bij Doorzet'),
    h('p', {}, 'Doorzet helpt vastgelopen casussen in het sociaal domein tijdig op te schalen.'),
    ...(methods.oidc
      ? [
          h(
            'div',
            { class: 'card narrow', id: 'oidc-sign-in' },
            h('a', { href: '/api/session/oidc', class: 'button', id: 'oidc-button' }, 'Inloggen via uw organisatie'),
            h('p', { class: 'hint' }, 'Met het account van uw gemeente of organisatie (OpenID Connect).'),
          ),
          h('h2', {}, 'Of met gebruikersnaam en wachtwoord'),
        ]
      : []),
    form,
  );
}
