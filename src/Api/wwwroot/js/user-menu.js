// The top bar's place for who is signed in: 登录 while anonymous; the name, the role and 退出 once signed in.
import { esc } from './api.js';
import { USER_ROLE } from './labels.js';

export class UserMenu {
  /** `signIn()`: opens the sign-in form; `signOut()`: ends the session. */
  constructor(root, session, { signIn, signOut }) {
    Object.assign(this, { root, session, signIn, signOut });
    root.addEventListener('click', e => {
      const action = e.target.closest('[data-action]')?.dataset.action;
      if (action === 'sign-in') this.signIn();
      if (action === 'sign-out') this.signOut();
    });
    session.onChange(() => this.render());
    this.render();
  }

  render() {
    const { user } = this.session;
    this.root.hidden = false;
    this.root.dataset.role = this.session.role;
    this.root.innerHTML = user
      ? `<span class="user-name" data-testid="user-name">${esc(user.name)}</span>`
        + `<span class="user-role" data-testid="user-role" data-role="${esc(user.role)}">${esc(USER_ROLE[user.role])}</span>`
        + '<button type="button" class="link" data-action="sign-out" data-testid="sign-out">退出</button>'
      : '<button type="button" class="link" data-action="sign-in" data-testid="sign-in">登录</button>';
  }
}
