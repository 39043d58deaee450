-- A rejection lifts a field's protection, so it takes two data engineers (issue 15, four eyes): the first one's
-- reject makes the label 'rejection-proposed' (it still protects, decided_by names the proposer), another one's
-- makes it 'rejected'. The state's code is the API's.
alter table field_label drop constraint field_label_state_check;
alter table field_label add constraint field_label_state_check
  check (state in ('suggested', 'confirmed', 'rejection-proposed', 'rejected', 'recognized'));
