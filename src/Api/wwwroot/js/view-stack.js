// One container per view inside a host (the side panel, the full-page area): created on first use, kept with its
// content while another view is shown.

export class ViewStack {
  /** `testid(name)` names each container for the browser tests. */
  constructor(host, testid) {
    this.host = host;
    this.testid = testid;
    this.views = new Map();
    this.current = null;
  }

  /** Shows the container of a view (creating it on first use) and returns it. */
  show(name) {
    let el = this.views.get(name);
    if (!el) {
      el = document.createElement('section');
      el.className = `view view-${name}`;
      el.dataset.view = name;
      el.dataset.testid = this.testid(name);
      this.host.appendChild(el);
      this.views.set(name, el);
    }
    for (const [n, v] of this.views) v.hidden = n !== name;
    this.current = name;
    return el;
  }

  view(name) { return this.views.get(name); }
}
