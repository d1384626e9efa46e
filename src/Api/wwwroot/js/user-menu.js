// The top bar's place for who is signed in (name and role), empty while anonymous; the accounts work adds the
// login and logout here.
import { esc } from './api.js';
import { USER_ROLE } from './labels.js';

export class UserMenu {
  constructor(root, session) {
    this.root = root;
    this.session = session;
    session.onChange(() => this.render());
    this.render();
  }

  render() {
    const { user } = this.session;
    this.root.hidden = !user;
    this.root.innerHTML = user
      ? `<span class="user-name" data-testid="user-name">${esc(user.name)}</span>`
        + `<span class="user-role" data-testid="user-role" data-role="${esc(user.role)}">${esc(USER_ROLE[user.role])}</span>`
      : '';
  }
}
