{{/* The release's prefix of every name: the release name, cut to what Kubernetes allows. */}}
{{- define "brain.fullname" -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{- define "brain.labels" -}}
app.kubernetes.io/part-of: enterprise-brain
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one service: (dict "root" $ "name" "gateway") */}}
{{- define "brain.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* An image of the platform: (dict "root" $ "name" "gateway") → <registry>/<repository>/<name>:<tag> */}}
{{- define "brain.image" -}}
{{- $i := .root.Values.image -}}
{{- if eq (toString $i.tag) "latest" -}}{{- fail "image.tag must be pinned, never latest" -}}{{- end -}}
{{- $prefix := ternary "" (printf "%s/" (trimSuffix "/" $i.registry)) (empty $i.registry) -}}
{{- printf "%s%s/%s:%s" $prefix $i.repository .name (toString $i.tag) -}}
{{- end -}}

{{/* In-cluster URL of a service: (dict "root" $ "name" "catalog") */}}
{{- define "brain.url" -}}
{{- $svc := index .root.Values.services .name -}}
{{- printf "http://%s-%s:%v" (include "brain.fullname" .root) .name $svc.port -}}
{{- end -}}

{{- define "brain.serviceAccount" -}}
{{- if .Values.serviceAccount.create -}}{{ .Values.serviceAccount.name }}{{- else -}}{{ .Values.serviceAccount.name | default "default" }}{{- end -}}
{{- end -}}

{{/* One value of the platform's Secret: (dict "root" $ "key" "analyticsClientSecret" "installed" <data of the
     Secret installed already>). The value given, checked; else the installed one, so an upgrade keeps it; else a
     new random one. No default ships: a secret printed in a chart opens every plant that installs it. */}}
{{- define "brain.secretValue" -}}
{{- $given := toString (index .root.Values.secrets .key | default "") -}}
{{- $installed := index (.installed | default dict) .key | default "" -}}
{{- if $given -}}
{{- if lt (len $given) 32 -}}
{{- fail (printf "secrets.%s is shorter than 32 characters (a demo secret opens every plant that installs it): leave it empty to have one generated at install, or set secrets.create=false and provide the Secret %s" .key .root.Values.secrets.name) -}}
{{- end -}}
{{- if and (eq .key "catalogEncryptionKey") (ne (len (b64dec $given)) 32) -}}
{{- fail "secrets.catalogEncryptionKey must be the base64 of exactly 32 random bytes (AES-256), e.g. openssl rand -base64 32" -}}
{{- end -}}
{{- $given -}}
{{- else if $installed -}}
{{- b64dec $installed -}}
{{- else if eq .key "catalogEncryptionKey" -}}
{{- randBytes 32 -}}
{{- else -}}
{{- randAlphaNum 48 -}}
{{- end -}}
{{- end -}}

{{/* The Kafka security settings, checked: SASL_SSL unless kafka.security.allowPlaintext says otherwise. */}}
{{- define "brain.kafkaProtocol" -}}
{{- $s := .Values.kafka.security -}}
{{- $protocol := upper $s.protocol -}}
{{- if not (has $protocol (list "PLAINTEXT" "SSL" "SASL_PLAINTEXT" "SASL_SSL")) -}}
{{- fail (printf "kafka.security.protocol %s is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL" $s.protocol) -}}
{{- end -}}
{{- if and (ne $protocol "SASL_SSL") (not $s.allowPlaintext) -}}
{{- fail (printf "kafka.security.protocol %s: every client must log in over TLS (SASL_SSL), or any pod writes the standard topics, reads personal data and publishes model deployments; set kafka.security.allowPlaintext=true only for a broker no other pod can reach" $protocol) -}}
{{- end -}}
{{- $protocol -}}
{{- end -}}

{{/* A Kafka client's login and the cluster CA: (dict "root" $ "client" "ingestion" "part" "env"|"mounts"|"volumes") */}}
{{- define "brain.kafkaClient" -}}
{{- $protocol := include "brain.kafkaProtocol" .root -}}
{{- $ca := .root.Values.kafka.security.caSecret -}}
{{- if eq .part "env" }}
{{- if hasPrefix "SASL_" $protocol }}
# its own Kafka user (Strimzi KafkaUser <release>-kafka-{{ .client }}): its ACLs are all it may read and write
- name: BRAIN_KAFKA_SASL_JAAS_CONFIG
  valueFrom: {secretKeyRef: {name: {{ include "brain.fullname" .root }}-kafka-{{ .client }}, key: sasl.jaas.config}}
{{- end }}
{{- else if and (hasSuffix "SSL" $protocol) $ca.name }}
{{- if eq .part "mounts" }}
- name: kafka-ca
  mountPath: /etc/brain/kafka-ca
  readOnly: true
{{- else if eq .part "volumes" }}
- name: kafka-ca
  secret:
    secretName: {{ $ca.name }}
    items: [{key: {{ $ca.key }}, path: ca.crt}]
{{- end }}
{{- end }}
{{- end -}}

{{/* Elasticsearch's URL, checked: https unless elasticsearch.tls.allowPlaintext says otherwise. */}}
{{- define "brain.esUrl" -}}
{{- $es := .Values.elasticsearch -}}
{{- if and (not (hasPrefix "https://" (lower $es.url))) (not $es.tls.allowPlaintext) -}}
{{- fail (printf "elasticsearch.url %s: catalogue records, analytics results and the registry's graph must travel over TLS (https://); set elasticsearch.tls.allowPlaintext=true only for a node no other pod can reach" $es.url) -}}
{{- end -}}
{{- if and (not $es.users) (eq $es.username "elastic") -}}
{{- fail "elasticsearch.username elastic is the superuser: give the platform a user whose role names its indices, or set elasticsearch.users=true (a user and role per client)" -}}
{{- end -}}
{{- $es.url -}}
{{- end -}}

{{/* An Elasticsearch client's login and the node's CA: (dict "root" $ "client" "catalog" "part" "env"|"mounts"|"volumes") */}}
{{- define "brain.esClient" -}}
{{- $es := .root.Values.elasticsearch -}}
{{- $url := include "brain.esUrl" .root -}}
{{- if eq .part "env" }}
{{- if $es.users }}
# its own user brain-{{ .client }} (Secret <release>-es-{{ .client }}): its role names only its indices
- name: BRAIN_ELASTICSEARCH_USERNAME
  valueFrom: {secretKeyRef: {name: {{ include "brain.fullname" .root }}-es-{{ .client }}, key: username}}
- name: BRAIN_ELASTICSEARCH_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ include "brain.fullname" .root }}-es-{{ .client }}, key: password}}
{{- else if $es.username }}
- name: BRAIN_ELASTICSEARCH_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ $es.passwordSecret.name }}, key: {{ $es.passwordSecret.key }}}}
{{- end }}
{{- else if and (hasPrefix "https://" (lower $url)) $es.tls.caSecret.name }}
{{- if eq .part "mounts" }}
- name: es-ca
  mountPath: /etc/brain/es-ca
  readOnly: true
{{- else if eq .part "volumes" }}
- name: es-ca
  secret:
    secretName: {{ $es.tls.caSecret.name }}
    items: [{key: {{ $es.tls.caSecret.key }}, path: ca.crt}]
{{- end }}
{{- end }}
{{- end -}}

{{/* The issuer, checked with the key set's URL: both over TLS unless oidc.allowPlaintextJwks says otherwise. */}}
{{- define "brain.oidcIssuer" -}}
{{- $o := .Values.oidc -}}
{{- if not (hasPrefix "https://" (lower $o.issuer)) -}}
{{- fail (printf "oidc.issuer %s: browsers log in there and the services read the realm's keys from it: it must be https://" $o.issuer) -}}
{{- end -}}
{{- if and $o.jwks (not (hasPrefix "https://" (lower $o.jwks))) (not $o.allowPlaintextJwks) -}}
{{- fail (printf "oidc.jwks %s: keys read in clear can be swapped on the way, and the swapped key signs tokens every service accepts; leave it empty (the issuer's https URL) or set oidc.allowPlaintextJwks=true for a path nobody else can reach" $o.jwks) -}}
{{- end -}}
{{- $o.issuer -}}
{{- end -}}
