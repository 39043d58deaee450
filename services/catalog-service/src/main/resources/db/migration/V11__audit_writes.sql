-- Changes are audited too (issue 15: "writes … audited"): every call of an operation the spec marks x-audit: write
-- that succeeded is an entry of the chain, decision 'written'.
alter table audit_event drop constraint audit_event_decision_check;
alter table audit_event add constraint audit_event_decision_check
  check (decision in ('allowed', 'masked', 'denied', 'written'));
