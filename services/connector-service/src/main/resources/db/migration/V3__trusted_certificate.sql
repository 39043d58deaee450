-- mqtts connections may name the certificate(s) they trust instead of the Java trust store (a plant's own CA)
alter table connection add column trusted_certificate text;
