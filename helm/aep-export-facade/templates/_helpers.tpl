{{/*
Expand the name of the chart.
*/}}
{{- define "aep-export-facade.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name.
We truncate at 63 chars because some Kubernetes name fields are limited to this (by the DNS naming spec).
If release name contains chart name it will be used as a full name.
*/}}
{{- define "aep-export-facade.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The Service of the actuator's port: the full name, cut short enough for the suffix.
*/}}
{{- define "aep-export-facade.managementServiceName" -}}
{{- printf "%s-management" (include "aep-export-facade.fullname" . | trunc 52 | trimSuffix "-") }}
{{- end }}

{{/*
Create chart name and version as used by the chart label.
*/}}
{{- define "aep-export-facade.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels
*/}}
{{- define "aep-export-facade.labels" -}}
helm.sh/chart: {{ include "aep-export-facade.chart" . }}
{{ include "aep-export-facade.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels
*/}}
{{- define "aep-export-facade.selectorLabels" -}}
app.kubernetes.io/name: {{ include "aep-export-facade.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Create the name of the service account to use
*/}}
{{- define "aep-export-facade.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "aep-export-facade.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image, tagged with the chart's appVersion unless image.tag says otherwise.
*/}}
{{- define "aep-export-facade.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{/*
The existing Secret that holds the service's secrets; the chart never creates it.
*/}}
{{- define "aep-export-facade.secretName" -}}
{{- required "existingSecret.name: name the Secret that holds the Adobe client secret, the database password and the encryption key (see values.yaml)" .Values.existingSecret.name }}
{{- end }}
