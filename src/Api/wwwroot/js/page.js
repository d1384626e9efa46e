// The full-page area below the top bar (a dashboard, task lists, printable pages): covers the map page, which stays
// laid out underneath so the map keeps its size and view; one page at a time, each keeping its content.
import { ViewStack } from './view-stack.js';

export class PageHost {
  constructor(root) {
    this.root = root;
    this.stack = new ViewStack(root, name => `page-${name}`);
    this.baseTitle = document.title;
  }

  get current() { return this.root.hidden ? null : this.stack.current; }

  show(name, title) {
    const el = this.stack.show(name);
    this.root.hidden = false;
    this.root.dataset.view = name;
    this.root.scrollTop = 0;
    document.body.classList.add('page-open');
    document.title = `${title} · ${this.baseTitle}`;
    return el;
  }

  close() {
    this.root.hidden = true;
    document.body.classList.remove('page-open');
    document.title = this.baseTitle;
  }
}
