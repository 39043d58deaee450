-- Lineage: source system → topic → job → index / model / report. Nodes are "kind:name". A node's own
-- grade is a label on it (a topic's comes from its entity's fields, read live); derived grades are
-- computed when read, so removing a label removes exactly what it propagated.

create table lineage_node (
  id                  text primary key,
  kind                text not null check (kind in ('source', 'topic', 'job', 'index', 'model', 'report', 'dataset')),
  name                text not null,
  own_grade           text references classification_grade(code),
  authority_reference text,
  created_at          timestamptz not null default now(),
  created_by          text not null
);

create table lineage_edge (
  id            bigserial primary key,
  from_node     text not null references lineage_node(id),
  to_node       text not null references lineage_node(id),
  transform     text,
  -- an approved de-identifying transform (e.g. aggregation, k-anonymisation) stops grades at this edge
  deidentifying boolean not null default false,
  approved_by   text,
  approved_at   timestamptz,
  created_by    text not null,
  created_at    timestamptz not null default now(),
  unique (from_node, to_node)
);
