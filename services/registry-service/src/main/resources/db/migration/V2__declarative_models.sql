-- declarative kinds besides linear: fixed limits per feature, and an EWMA baseline per machine
alter table model_version add column threshold_spec jsonb;
alter table model_version add column ewma_spec jsonb;
