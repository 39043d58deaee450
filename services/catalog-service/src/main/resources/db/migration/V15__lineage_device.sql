-- a device connection of the connector: source system → device connection → topic (5.4.2.1 a's protocol conversion)
alter table lineage_node drop constraint lineage_node_kind_check;
alter table lineage_node add constraint lineage_node_kind_check
  check (kind in ('source', 'device', 'topic', 'job', 'index', 'model', 'report', 'dataset'));
