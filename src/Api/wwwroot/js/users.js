// 用户管理: the administrator's list of users with their role and scope, creating a user, disabling and enabling one.
// A page at #/users.
import { fetchJson, esc, problemHtml } from './api.js';
import { USER_ROLE, date } from './labels.js';

export class Users {
  view = {
    name: 'users', kind: 'page', title: '用户管理', roles: ['admin'],
    tool: { label: '用户管理', icon: 'users', title: 'Users', testid: 'open-users' },
  };

  enter(el) {
    el.innerHTML = `
      <div class="users" data-testid="users" data-state="loading">
        <form class="user-form" data-testid="user-form" novalidate>
          <h3>新建用户 <span class="en">new user</span></h3>
          <label>用户名<input name="username" required maxlength="64" data-testid="user-username"></label>
          <label>显示名称<input name="display_name" maxlength="100" data-testid="user-display-name" placeholder="如 永和镇河长办 张三"></label>
          <label>初始密码（至少 10 位）<input name="password" type="password" required minlength="10" autocomplete="new-password" data-testid="user-password"></label>
          <label>角色<select name="role" data-testid="user-role-select">${Object.entries(USER_ROLE).map(([k, v]) => `<option value="${k}">${v}</option>`).join('')}</select></label>
          <label class="for-office">所属区域编码（河长办）<input name="area_code" data-testid="user-area"></label>
          <label class="for-chief">河长编号（河长）<input name="chief_id" data-testid="user-chief"></label>
          <button type="submit" class="primary" data-testid="user-create">创建</button>
          <div class="user-msg"></div>
        </form>
        <div class="table-wrap"><table class="users-table" data-testid="users-table">
          <thead><tr><th>用户名</th><th>名称</th><th>角色</th><th>区域 / 河长</th><th>状态</th><th>创建</th><th></th></tr></thead>
          <tbody></tbody></table></div>
      </div>`;
    const form = el.querySelector('form');
    const scopeFields = () => {
      form.querySelector('.for-office').hidden = form.role.value !== 'office';
      form.querySelector('.for-chief').hidden = form.role.value !== 'chief';
    };
    form.role.addEventListener('change', scopeFields);
    scopeFields();
    form.addEventListener('submit', e => { e.preventDefault(); this.create(el, form); });
    el.querySelector('tbody').addEventListener('click', e => {
      const button = e.target.closest('button[data-user]');
      if (button) this.setDisabled(el, button.dataset.user, button.dataset.action === 'disable');
    });
    this.refresh(el);
  }

  async refresh(el) {
    const box = el.querySelector('.users');
    try {
      const { data } = await fetchJson('/api/users');
      el.querySelector('tbody').innerHTML = data.map(u => `
        <tr data-testid="user-row" data-username="${esc(u.username)}" data-disabled="${u.disabled}">
          <td><code>${esc(u.username)}</code></td><td>${esc(u.display_name || '')}</td><td>${esc(USER_ROLE[u.role] || u.role)}</td>
          <td>${u.area_code || u.chief_id ? `<code>${esc(u.area_code || u.chief_id)}</code>` : ''}</td>
          <td>${u.disabled ? '<span class="badge vacant">已停用</span>' : u.locked_until && new Date(u.locked_until) > new Date() ? '<span class="badge">已锁定</span>' : '正常'}</td>
          <td>${date(u.created_at)}</td>
          <td><button type="button" class="secondary" data-user="${esc(u.username)}" data-action="${u.disabled ? 'enable' : 'disable'}"
            data-testid="user-toggle">${u.disabled ? '启用' : '停用'}</button></td>
        </tr>`).join('');
      box.dataset.state = 'ready';
    } catch (e) {
      box.dataset.state = 'error';
      el.querySelector('.user-msg').innerHTML = problemHtml(e);
    }
  }

  async create(el, form) {
    const f = Object.fromEntries(new FormData(form));
    const body = { username: f.username.trim(), password: f.password, role: f.role, display_name: f.display_name?.trim() || null };
    if (f.role === 'office') body.area_code = f.area_code.trim();
    if (f.role === 'chief') body.chief_id = f.chief_id.trim();
    const msg = form.querySelector('.user-msg');
    try {
      await fetchJson('/api/users', { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
      form.reset();
      form.role.dispatchEvent(new Event('change'));
      msg.innerHTML = `<div class="note" data-testid="user-created">已创建 <code>${esc(body.username)}</code></div>`;
      await this.refresh(el);
    } catch (e) {
      msg.innerHTML = problemHtml(e);
    }
  }

  async setDisabled(el, username, disabled) {
    try {
      await fetchJson(`/api/users/${encodeURIComponent(username)}/${disabled ? 'disable' : 'enable'}`, { method: 'POST' });
      await this.refresh(el);
    } catch (e) {
      el.querySelector('.user-msg').innerHTML = problemHtml(e);
    }
  }
}
