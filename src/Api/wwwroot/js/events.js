// Domain events between modules that must not know each other: a filed report or an issue's transition refreshes
// the ledger and the issues layer (and later 我的问题 or the dashboard) without the sender knowing who listens.

const bus = new EventTarget();

/** An issue was filed or changed its status; detail: { id }. */
export const ISSUES_CHANGED = 'issues-changed';

export function emit(name, detail = {}) {
  bus.dispatchEvent(new CustomEvent(name, { detail }));
}

export function on(name, fn) {
  bus.addEventListener(name, e => fn(e.detail));
}
