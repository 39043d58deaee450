-- The audit log as a hash chain, append-only (guideline 5.4.2.3 安全审计; issue 15 "audit you can trust").
-- Each entry's hash covers its content and the previous entry's hash (AuditChain): a changed entry breaks the
-- chain at itself, a removed or inserted one at the entry after it. The trigger refuses updates, deletes and
-- truncation for everybody, the owner included; an owner who drops it first still cannot forge the chain.
alter table audit_event add column prev_hash bytea, add column hash bytea;

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    -- the one update allowed: sealing an entry written before the chain existed, its content unchanged
    if old.hash is null and new.hash is not null
        and (new.id, new.at, new.principal, new.client_id, new.client_address, new.resource, new.fields, new.grade,
             new.policy, new.decision)
            is not distinct from
            (old.id, old.at, old.principal, old.client_id, old.client_address, old.resource, old.fields, old.grade,
             old.policy, old.decision) then
      return new;
    end if;
  end if;
  raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;

create trigger audit_event_append_only before update or delete on audit_event
  for each row execute function audit_event_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_event_append_only();
