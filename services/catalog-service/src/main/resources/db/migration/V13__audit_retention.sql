-- Audit retention (issue 15: "retention settable"). Entries older than the retention leave the chain as a prefix,
-- never from its middle, and never younger than 180 days (网络安全法 第二十一条: 网络日志留存不少于六个月). What left is
-- remembered as an anchor: the hash of the last entry removed, which the next entry's prev_hash must still equal —
-- so the chain verifies from the anchor on, and a prefix cut without an anchor still shows as link-broken.
create table audit_anchor (
  through_id   bigint primary key,
  through_hash bytea not null,
  entries      bigint not null,
  cutoff       timestamptz not null,
  expired_at   timestamptz not null default now()
);

create function audit_anchor_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_anchor is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger audit_anchor_append_only before update or delete on audit_anchor
  for each row execute function audit_anchor_append_only();
create trigger audit_anchor_no_truncate before truncate on audit_anchor
  for each statement execute function audit_anchor_append_only();

-- The delete the trigger lets through: only inside audit_event_expire, which runs as the table's owner (the service's
-- runtime role holds no DELETE at all) and sets the flag for its own transaction.
create or replace function audit_event_append_only() returns trigger language plpgsql as $$
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
  if tg_op = 'DELETE' and current_setting('brain.audit_expiring', true) = 'on' then
    return old;
  end if;
  raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;

-- Removes the chain's prefix appended before cutoff (up to the first entry at or after it; never the newest entry)
-- under the chain's advisory lock, anchors it, and answers how many entries left.
create function audit_event_expire(cutoff timestamptz) returns bigint
  language plpgsql security definer set search_path from current as $$
declare
  through bigint;
  through_hash bytea;
  removed bigint;
begin
  if cutoff > now() - interval '180 days' then
    raise exception 'audit entries are kept at least 180 days (网络安全法 第二十一条); cutoff % is too recent', cutoff
      using errcode = 'check_violation';
  end if;
  perform pg_advisory_xact_lock(7093839468511196516); -- AuditLog's CHAIN_LOCK, "brainAud"
  select coalesce(min(id) filter (where at >= cutoff), max(id)) - 1 into through from audit_event;
  if through is null or not exists (select 1 from audit_event where id <= through) then
    return 0;
  end if;
  select max(id) into through from audit_event where id <= through;
  select hash into through_hash from audit_event where id = through;
  if through_hash is null then
    raise exception 'audit entry % is unsealed: verify the chain before expiring it', through;
  end if;
  perform set_config('brain.audit_expiring', 'on', true);
  delete from audit_event where id <= through;
  get diagnostics removed = row_count;
  perform set_config('brain.audit_expiring', 'off', true);
  insert into audit_anchor (through_id, through_hash, entries, cutoff) values (through, through_hash, removed, cutoff);
  return removed;
end $$;
