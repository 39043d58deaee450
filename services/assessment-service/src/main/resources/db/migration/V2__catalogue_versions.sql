-- Catalogue versions edited by an admin (levels, weights, evidence, titles; never the guideline's text).
-- The bundled file is version 1; each edit stores the whole next version.
create table catalogue_version (
  version    integer primary key,
  body       jsonb not null,
  clause     text not null,
  created_by text not null,
  created_at timestamptz not null
);
