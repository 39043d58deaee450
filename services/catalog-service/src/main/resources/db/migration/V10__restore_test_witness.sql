-- A restore test counts for the assessment (灾备演练) once somebody other than who reported it witnessed it
-- (issue 15, four eyes): one data engineer alone could otherwise report a drill that never happened.
alter table backup_run add column witnessed_by text, add column witnessed_at timestamptz;
