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
