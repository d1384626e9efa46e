// The side panel of the map page: one view at a time (profile, report, demarcation check, ledger); each view keeps
// its content. The navigation shell decides what it shows; its close button asks the shell.
/* global L */
import { ViewStack } from './view-stack.js';

export class Panel {
  constructor(root) {
    this.root = root;
    this.title = root.querySelector('#panel-title');
    this.body = root.querySelector('#panel-body');
    this.stack = new ViewStack(this.body, name => `view-${name}`);
    this.closeHandlers = [];
    this.showHandlers = [];
    this.closeRequests = [];
    root.querySelector('#panel-close').addEventListener('click', () => this.closeRequests.forEach(h => h()));
    L.DomEvent.disableClickPropagation(root);
    L.DomEvent.disableScrollPropagation(root);
  }

  get current() { return this.root.hidden ? null : this.stack.current; }

  /** Shows a view (creating its container on first use) and returns the container. */
  show(name, title, { wide = false } = {}) {
    const changed = this.current !== name;
    const el = this.stack.show(name);
    this.title.textContent = title;
    this.root.hidden = false;
    this.root.classList.toggle('wide', wide);
    this.root.dataset.view = name;
    document.body.classList.add('panel-open');
    document.body.classList.toggle('panel-wide', wide);
    if (changed) this.body.scrollTop = 0;
    this.showHandlers.forEach(h => h(wide, name));
    return el;
  }

  view(name) { return this.stack.view(name); }

  isOpen(name) { return this.current === name; }

  close() {
    if (this.root.hidden) return;
    const was = this.stack.current;
    this.root.hidden = true;
    document.body.classList.remove('panel-open', 'panel-wide');
    this.closeHandlers.forEach(h => h(was));
  }

  onClose(fn) { this.closeHandlers.push(fn); }

  onShow(fn) { this.showHandlers.push(fn); }

  /** The close button was clicked (the shell navigates back to the map). */
  onCloseRequest(fn) { this.closeRequests.push(fn); }
}
