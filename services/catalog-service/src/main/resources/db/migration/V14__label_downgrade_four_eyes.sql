-- A confirm with a lower grade than the label holds lifts protection as a rejection does (less masking, no
-- encryption at L2 and below), so it takes two data engineers too (issue 15, four eyes): the first one's makes the
-- label 'downgrade-proposed' — it keeps protecting at its grade, the proposal waits in proposed_grade and
-- proposed_category, decided_by names the proposer — and another one's confirm of that grade applies it.
alter table field_label drop constraint field_label_state_check;
alter table field_label add constraint field_label_state_check
  check (state in ('suggested', 'confirmed', 'downgrade-proposed', 'rejection-proposed', 'rejected', 'recognized'));
alter table field_label add column proposed_grade text, add column proposed_category text;
