-- Every service's changes and attachment downloads are audited (issue 15): the services without the audit log
-- send each action over brain.audit.v1 with an id of their own; the catalog appends it to the chain once, however
-- often Kafka delivers it. Not part of the hash: it says nothing of the action, only which delivery it was.
alter table audit_event add column entry_id uuid;
create unique index audit_event_entry_id on audit_event (entry_id) where entry_id is not null;
