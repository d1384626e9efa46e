// The navigation shell: which view the URL selects and where it is shown — a panel view beside the map (#/ledger) or
// a full page over it (#/dashboard) — the tool buttons of the top bar for the current role, and back/forward.
//
// A view is an object with a descriptor `view` = { name, kind: 'panel' | 'page', title, wide?, roles?, tool? } and
// `enter(el, route, options)` (show yourself in `el`; called again when opened again) and optionally `leave()`.
// `roles` lists who may see it (none: everyone); `tool` = { label, icon, title, testid } puts a button in the top bar.
import { esc } from './api.js';
import { routeKey } from './router.js';

const NOTICES = {
  not_found: { title: '页面不存在', text: '没有这个页面', en: 'no such page' },
  forbidden: { title: '无权访问', text: '当前身份无权查看此页面', en: 'not for the current role' },
};

/** The shell's own full page for a URL that selects no view the user may see. */
class Notice {
  view = { name: 'notice', kind: 'page', title: (route, { reason }) => NOTICES[reason].title };

  enter(el, route, { reason }) {
    const n = NOTICES[reason];
    el.innerHTML = `<div class="notice" data-testid="notice" data-reason="${reason}">
        <h2>${n.title}</h2>
        <p>${n.text} <code>#/${esc(route.view)}${route.arg ? `/${esc(route.arg)}` : ''}</code> <span class="en">${n.en}</span></p>
        <p><a class="button primary" href="#/" data-testid="notice-map">返回地图</a></p>
      </div>`;
  }
}

export class Shell {
  /** `toolbar`: the top bar's element for tool buttons; `panel` and `page`: where panel views and pages are shown. */
  constructor({ router, session, panel, page, toolbar }) {
    Object.assign(this, { router, session, panel, page, toolbar });
    this.views = new Map();
    this.tools = [];
    this.current = null;
    this.currentKey = null;
    this.reason = null;
    this.routeListeners = [];
    this.notice = new Notice();
    router.onChange(() => this.sync());
    panel.onCloseRequest(() => this.close());
    session.onChange(() => {
      this.showTools();
      this.sync();
    });
  }

  /** Adds a view; its tool (if any) opens it. */
  register(view) {
    const { name, tool, roles } = view.view;
    if (this.views.has(name)) throw new Error(`view ${name} is registered twice`);
    this.views.set(name, view);
    if (tool) this.addTool({ ...tool, name, roles, view: name, onClick: () => this.open(name) });
    // A view registered after start may be the one the URL already names.
    if (this.started) this.sync();
  }

  /**
   * A button in the top bar, in the order added: { name, label, icon, title, testid, roles?, pressed?, map?, onClick,
   * mount? }. `map`: the button acts on the map, so a full page gives way first; `mount(button)` receives the button.
   */
  addTool(tool) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'tool';
    button.dataset.tool = tool.name;
    if (tool.testid) button.dataset.testid = tool.testid;
    if (tool.title) button.title = tool.title;
    if (tool.pressed !== undefined) button.setAttribute('aria-pressed', String(tool.pressed));
    const icon = document.createElement('span');
    icon.className = `tool-icon ${tool.icon || ''}`;
    button.append(icon, tool.label);
    button.addEventListener('click', () => {
      if (tool.map) this.showMap();
      tool.onClick();
    });
    this.toolbar.appendChild(button);
    this.tools.push({ tool, button });
    tool.mount?.(button);
    this.showTools();
    return button;
  }

  /** Shows the view the URL names; from now on the URL is followed. */
  start() {
    this.started = true;
    this.sync();
  }

  /** Opens a view (a new history entry unless it is the one shown); `options` go to its enter() only this time. */
  open(name, arg = null, options = {}) {
    const route = { view: name, arg: arg === '' ? null : arg };
    if (routeKey(route) === this.currentKey) this.router.replace(route);
    else this.router.push(route);
    this.show(route, options);
  }

  /** Back to the map alone. */
  close() { this.open(''); }

  /** Brings the map page back when a full page covers it (the panel view, if any, stays). */
  showMap() {
    if (this.page.current) this.close();
  }

  get mapShown() { return !this.page.current; }

  /** Called with the route and the view (null: the map alone) after every change of view. */
  onRoute(fn) { this.routeListeners.push(fn); }

  /** Follows the URL (back/forward, a link, a typed URL) and the session (a view may become visible or not). */
  sync() {
    const route = this.router.route;
    const { target, reason } = this.resolve(route);
    if (target === this.current && routeKey(route) === this.currentKey && reason === this.reason) return;
    this.show(route);
  }

  resolve(route) {
    if (!route.view) return { target: null, reason: null };
    const view = this.views.get(route.view);
    if (!view) return { target: this.notice, reason: 'not_found' };
    if (!this.session.allows(view.view.roles)) return { target: this.notice, reason: 'forbidden' };
    return { target: view, reason: null };
  }

  show(route, options = {}) {
    const { target, reason } = this.resolve(route);
    if (this.current && this.current !== target) this.current.leave?.();
    this.current = target;
    this.currentKey = routeKey(route);
    this.reason = reason;
    if (!target) {
      this.panel.close();
      this.page.close();
    } else {
      const { name, kind, title, wide } = target.view;
      const enterOptions = { ...options, reason };
      const heading = typeof title === 'function' ? title(route, enterOptions) : title;
      let el;
      if (kind === 'page') {
        this.panel.close();
        el = this.page.show(name, heading);
      } else {
        this.page.close();
        el = this.panel.show(name, heading, { wide: !!wide });
      }
      target.enter(el, route, enterOptions);
    }
    for (const { tool, button } of this.tools) {
      if (tool.view && tool.view === target?.view.name) button.setAttribute('aria-current', 'page');
      else button.removeAttribute('aria-current');
    }
    this.routeListeners.forEach(fn => fn(route, target));
  }

  /** Tool buttons for the current role only. */
  showTools() {
    for (const { tool, button } of this.tools) button.hidden = !this.session.allows(tool.roles);
  }
}
