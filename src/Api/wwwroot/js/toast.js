// Messages that need the user's eye (failed loads, problems): one at a time, closable, gone after a while.

export class Toast {
  constructor(root) {
    this.root = root;
    this.timer = null;
  }

  show(html, ms = 9000) {
    const el = this.root;
    el.innerHTML = `<button type="button" class="icon-btn toast-close" title="关闭">×</button>${html}`;
    el.hidden = false;
    el.querySelector('.toast-close').addEventListener('click', () => { el.hidden = true; });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { el.hidden = true; }, ms);
  }
}
