// 登录: the sign-in form, a panel view at #/login. Signing in sets the session (auth.js); the navigation shell then
// shows the tools and views of the role, and this view hands over to the map.
import { esc, problemHtml } from './api.js';
import { signIn } from './auth.js';
import { USER_ROLE } from './labels.js';

export class Login {
  view = { name: 'login', kind: 'panel', title: '登录' };

  /** `nav`: the navigation shell; `session`: who is signed in. */
  constructor({ nav, session }) {
    Object.assign(this, { nav, session });
  }

  enter(el) {
    const { user } = this.session;
    el.innerHTML = `
      <form class="login" data-testid="login-form" novalidate>
        ${user ? `<p class="muted" data-testid="login-current">当前已登录：${esc(user.name)}（${esc(USER_ROLE[user.role])}）</p>` : ''}
        <p class="intro">河长、河长办工作人员和管理员请登录；公众无需登录即可查看地图和上报问题。
          <span class="en">Chiefs, office staff and administrators sign in; anyone may view the map and report without.</span></p>
        <label>用户名 <span class="en">user name</span>
          <input name="username" autocomplete="username" required data-testid="login-username"></label>
        <label>密码 <span class="en">password</span>
          <input name="password" type="password" autocomplete="current-password" required data-testid="login-password"></label>
        <div class="form-actions"><button type="submit" class="primary" data-testid="login-submit">登录</button></div>
        <div class="login-msg" data-testid="login-msg"></div>
      </form>`;
    const form = el.querySelector('form');
    form.username.focus();
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const button = form.querySelector('[type=submit]');
      const msg = form.querySelector('.login-msg');
      button.disabled = true;
      msg.innerHTML = '<div class="loading">正在登录…</div>';
      try {
        await signIn(form.username.value.trim(), form.password.value);
        this.nav.close();
      } catch (err) {
        form.password.value = '';
        msg.innerHTML = err.problem?.error === 'invalid_grant'
          ? '<div class="problem" data-testid="login-refused"><strong>用户名或密码错误，或账号已停用、已锁定</strong>'
            + '<div class="muted">连续多次输入错误后账号将暂时锁定。 <span class="en">wrong name or password, or the account is disabled or locked</span></div></div>'
          : problemHtml(err);
      } finally {
        button.disabled = false;
      }
    });
  }
}
