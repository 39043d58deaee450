-- Attestations (manual evidence), snapshots (evaluations kept over time) and scoring profile versions.
create table attestation (
  id              bigserial primary key,
  plant           text not null,
  clause          text not null,
  statement       text not null,
  satisfaction    double precision not null,
  attachment      bytea,
  attachment_name text,
  attachment_type text,
  submitted_by    text not null,
  submitted_at    timestamptz not null,
  expires_at      timestamptz not null,
  state           text not null check (state in ('pending', 'approved', 'rejected')),
  reviewer        text,
  reviewed_at     timestamptz,
  review_comment  text
);
create index attestation_plant_clause on attestation (plant, clause);

create table snapshot (
  id                bigserial primary key,
  plant             text not null,
  taken_at          timestamptz not null,
  taken_by          text not null,
  catalogue_version integer not null,
  profile_version   integer not null,
  level             text,
  score             double precision not null,
  score_low         double precision not null,
  score_high        double precision not null,
  evaluation        jsonb not null
);
create index snapshot_plant_taken on snapshot (plant, taken_at desc);

-- version 1 is the bundled profile/scoring-v1.yaml; an admin's PUT stores 2, 3, …
create table profile_version (
  version    integer primary key,
  body       jsonb not null,
  created_by text not null,
  created_at timestamptz not null
);
