// 我的问题: a chief's own issues — routed to them or on the segments they hold (the API answers in the chief's scope) —
// with the steps that are theirs (开始整改, 提交验收). The ledger's table, filters and actions at #/my-issues.
import { Ledger } from './ledger.js';

export class MyIssues extends Ledger {
  view = {
    name: 'my-issues', kind: 'panel', title: '我的问题', wide: true, roles: ['chief'],
    tool: { label: '我的问题', icon: 'ledger', title: 'My issues', testid: 'open-my-issues' },
  };
}
