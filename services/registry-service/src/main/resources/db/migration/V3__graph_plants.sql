-- Plant scoping of the knowledge graph (issue 15): a node belongs to a plant (its machines and their components)
-- or to nobody (knowledge shared by every plant: failure modes, causes, remedies). Readers see their plants'
-- nodes and the shared ones; master data's machines are keyed equipment:<plant>:<equipmentId>, so two plants'
-- CNC-A01 are two nodes. Nodes written before this version are shared until rewritten with a plant.
alter table graph_node add column plant text;
create index graph_node_plant on graph_node (plant) where plant is not null;
