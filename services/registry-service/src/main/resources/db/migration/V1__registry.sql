-- Models, versions and their artifacts; aliases with requests, policies and history; deployments;
-- components; the knowledge graph. JSON columns keep what the API's schemas describe.

create table model (
  name        text primary key,
  title       text,
  description text,
  tags        jsonb not null default '[]',
  created_by  text not null,
  created_at  timestamptz not null default now()
);

-- content-addressed: two versions with the same file share it
create table artifact (
  sha256 text primary key,
  bytes  bytea not null
);

create table model_version (
  model          text not null references model(name),
  version        int not null,
  kind           text not null,
  description    text,
  features       jsonb not null,
  output         jsonb not null,
  linear_spec    jsonb,
  metrics        jsonb not null default '{}',
  trained_on     jsonb not null default '[]',
  tags           jsonb not null default '[]',
  artifact       text references artifact(sha256),
  artifact_bytes bigint,
  input_tensor   text,
  created_by     text not null,
  created_at     timestamptz not null default now(),
  primary key (model, version)
);

create table alias_policy (
  model             text not null references model(name),
  alias             text not null,
  requires_approval boolean not null,
  approver_roles    jsonb not null default '[]',
  approver_users    jsonb not null default '[]',
  primary key (model, alias)
);

create table alias_request (
  id               bigserial primary key,
  model            text not null references model(name),
  alias            text not null,
  version          int not null,
  previous_version int,
  status           text not null,
  comment          text,
  requested_by     text not null,
  requested_at     timestamptz not null default now(),
  decided_by       text,
  decision_comment text,
  decided_at       timestamptz,
  foreign key (model, version) references model_version(model, version)
);
-- one open request per alias: a second would be decided against a stale "previous"
create unique index alias_request_one_pending on alias_request(model, alias) where status = 'pending';

-- which version held which alias when (MLflow #2169): rows are closed, never deleted
create table alias_assignment (
  model       text not null,
  alias       text not null,
  version     int not null,
  valid_from  timestamptz not null,
  valid_until timestamptz,
  request_id  bigint not null references alias_request(id),
  foreign key (model, version) references model_version(model, version)
);
create unique index alias_assignment_current on alias_assignment(model, alias) where valid_until is null;

create table deployment (
  id          text primary key,
  model       text not null references model(name),
  alias       text,
  version     int not null,
  pinned      boolean not null,
  entity      text not null,
  plants      jsonb not null default '[]',
  equipment   text,
  bindings    jsonb not null,
  bucket      text not null,
  threshold   double precision,
  status      text not null,
  created_by  text not null,
  created_at  timestamptz not null default now(),
  foreign key (model, version) references model_version(model, version)
);

create table deployment_history (
  deployment text not null references deployment(id),
  seq        bigserial,
  version    int not null,
  valid_from timestamptz not null default now(),
  reason     text not null,
  by_user    text,
  primary key (deployment, seq)
);

create table component (
  name        text not null,
  version     int not null,
  kind        text not null,
  description text,
  spec        jsonb not null,
  created_by  text not null,
  created_at  timestamptz not null default now(),
  primary key (name, version)
);

create table graph_node (
  id         text primary key,
  type       text not null,
  name       text not null,
  properties jsonb not null default '{}'
);

create table graph_edge (
  source     text not null references graph_node(id),
  type       text not null,
  target     text not null references graph_node(id),
  weight     double precision not null default 1,
  properties jsonb not null default '{}',
  primary key (source, type, target)
);
create index graph_edge_target on graph_edge(target);
