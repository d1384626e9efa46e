// The top bar's status line: a spinner while layers load, then what the view holds.

export class StatusLine {
  constructor(root, layers) {
    this.root = root;
    this.layers = layers;
    layers.onActivity(() => this.update());
  }

  update() {
    const busy = this.layers.busy;
    const c = this.layers.counts();
    this.root.classList.toggle('busy', busy);
    this.root.innerHTML = busy
      ? '<span class="spinner"></span>加载中…'
      : `视图内 河段 <strong>${c.segments}</strong> · 排污口 <strong>${c.outlets}</strong> · 问题 <strong>${c.issues}</strong>`;
  }
}
