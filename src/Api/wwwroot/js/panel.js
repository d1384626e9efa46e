// The side panel: one view at a time (profile, report, demarcation check, ledger); each view keeps its content.

export class Panel {
  constructor(root) {
    this.root = root;
    this.title = root.querySelector('#panel-title');
    this.body = root.querySelector('#panel-body');
    this.views = new Map();
    this.current = null;
    this.closeHandlers = [];
    this.showHandlers = [];
    root.querySelector('#panel-close').addEventListener('click', () => this.close());
  }

  /** Shows a view (creating its container on first use) and returns the container. */
  show(name, title, { wide = false } = {}) {
    let el = this.views.get(name);
    if (!el) {
      el = document.createElement('section');
      el.className = `view view-${name}`;
      el.dataset.view = name;
      el.dataset.testid = `view-${name}`;
      this.body.appendChild(el);
      this.views.set(name, el);
    }
    for (const [n, v] of this.views) v.hidden = n !== name;
    this.title.textContent = title;
    this.root.hidden = false;
    this.root.classList.toggle('wide', wide);
    this.root.dataset.view = name;
    document.body.classList.add('panel-open');
    document.body.classList.toggle('panel-wide', wide);
    if (this.current !== name) this.body.scrollTop = 0;
    this.current = name;
    this.showHandlers.forEach(h => h(wide, name));
    return el;
  }

  view(name) { return this.views.get(name); }

  isOpen(name) { return !this.root.hidden && this.current === name; }

  close() {
    const was = this.current;
    this.root.hidden = true;
    this.current = null;
    document.body.classList.remove('panel-open', 'panel-wide');
    this.closeHandlers.forEach(h => h(was));
  }

  onClose(fn) { this.closeHandlers.push(fn); }

  onShow(fn) { this.showHandlers.push(fn); }
}
