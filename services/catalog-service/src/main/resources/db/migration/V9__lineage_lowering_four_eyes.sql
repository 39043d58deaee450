-- Lowering or clearing a lineage node's own grade lifts protection downstream, so it takes two data engineers
-- (issue 15, four eyes): the first one's request is kept here as a proposal (the node keeps its grade), the same
-- request by another one applies it. Raising a grade needs nobody else.
alter table lineage_node
  add column proposed_grade     text references classification_grade(code),
  add column proposed_reference text,
  add column proposed_by        text,
  add column proposed_at        timestamptz;
