-- mqtt and sparkplug-b connections say which MQTT version their broker speaks (3.1.1 or 5); OPC UA ones have none
alter table connection add column mqtt_version text;
