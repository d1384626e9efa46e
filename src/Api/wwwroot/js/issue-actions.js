// 处理: the history of the issue selected in the ledger and the lifecycle actions it allows now
// (交办 → 整改 → 验收 → 销号), submitted as transitions.
import { fetchJson, esc, problemHtml } from './api.js';
import { date } from './labels.js';
import { emit, ISSUES_CHANGED } from './events.js';

/** Lifecycle actions and history entries, in the office's words. */
const ACTION = {
  report: '上报',
  assign: '交办',
  reassign: '改派',
  start_rectification: '开始整改',
  submit_for_verification: '提交验收',
  pass_verification: '验收通过（销号）',
  fail_verification: '验收不通过（退回）',
  reject: '不予受理',
};

export class IssueActions {
  constructor(box) {
    this.box = box;
  }

  /** Loads the issue and shows its history and the form of the actions it allows. */
  async show(id) {
    const { box } = this;
    box.hidden = false;
    box.dataset.state = 'loading';
    let issue;
    try {
      ({ data: issue } = await fetchJson(`/api/issues/${encodeURIComponent(id)}`));
    } catch (e) {
      box.innerHTML = problemHtml(e);
      box.dataset.state = 'error';
      return;
    }
    const p = issue.properties;
    const chiefs = [p.chief, ...(p.chain || [])].filter(Boolean).filter(c => c.role === 'chief' || c === p.chief);
    const chiefOptions = chiefs.map(c => `<option value="${esc(c.id)}">${esc(c.name)}（${esc(c.area_name || c.area_code)}）</option>`).join('');
    const actions = p.allowed_actions || [];
    box.innerHTML = `
      <h3>处理 #${esc(issue.id)} <span class="status status-${esc(p.status)}">${esc(p.status_label)}</span></h3>
      <ol class="history" data-testid="issue-history">${(p.events || []).map(e => `
        <li><span class="muted">${date(e.at)} ${new Date(e.at).toTimeString().slice(0, 5)}</span>
          ${esc(ACTION[e.action] || e.action)} · ${esc(e.actor)}${e.note ? ` — ${esc(e.note)}` : ''}</li>`).join('')}</ol>
      ${actions.length ? `<form class="transition" data-testid="issue-transition">
        <label>操作<select name="action" data-testid="transition-action">${actions.map(a => `<option value="${esc(a)}">${esc(ACTION[a] || a)}</option>`).join('')}</select></label>
        <label class="chief-field">河长<select name="chief_id" data-testid="transition-chief">${chiefOptions}</select></label>
        <label class="wide">说明 / 理由<textarea name="note" rows="2" placeholder="改派、退回、不予受理须说明理由" data-testid="transition-note"></textarea></label>
        <button type="submit" class="primary" data-testid="transition-submit">提交</button>
        <div class="transition-msg"></div>
      </form>` : `<p class="muted" data-testid="no-actions">${['closed', 'rejected'].includes(p.status) ? '已办结，无可用操作 finished' : '当前身份无可用操作 nothing for your role'}</p>`}`;
    box.dataset.state = 'ready';
    const form = box.querySelector('form');
    if (!form) return;
    const toggleChief = () => {
      const needs = ['assign', 'reassign'].includes(form.action.value);
      form.querySelector('.chief-field').hidden = !needs;
    };
    form.action.addEventListener('change', toggleChief);
    toggleChief();
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const f = Object.fromEntries(new FormData(form));
      // The actor is the signed-in user (the server records it); the form has no field for it.
      const body = { action: f.action, note: f.note || null, chief_id: ['assign', 'reassign'].includes(f.action) ? f.chief_id : null };
      try {
        await fetchJson(`/api/issues/${encodeURIComponent(id)}/transitions`, {
          method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' },
        });
        emit(ISSUES_CHANGED, { id });
        await this.show(id);
      } catch (err) {
        form.querySelector('.transition-msg').innerHTML = err.problem?.message_zh
          ? `<div class="problem"><strong>${esc(err.problem.message_zh)}</strong><div class="muted">${esc(err.problem.detail || '')}</div></div>`
          : problemHtml(err);
      }
    });
  }
}
