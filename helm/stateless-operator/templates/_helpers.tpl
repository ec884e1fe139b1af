{{/* The release's full name: the release name, or release-chart when it does not contain the chart name. */}}
{{- define "stateless-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "stateless-operator.serviceAccountName" -}}
{{- default (include "stateless-operator.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{/* Selects the operator's pods; never changes across upgrades (Deployment selectors are immutable). */}}
{{- define "stateless-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "stateless-operator.labels" -}}
{{ include "stateless-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/*
What the operator does to the API, and nothing more; the chart's tests check these rules against
every request the operator made in its own tests. Namespaced objects only: granted by a
ClusterRole over all namespaces, or by a Role in each watched namespace.
*/}}
{{- define "stateless-operator.rules" -}}
# Patch: the finalizer that holds a deleted app with objectStorage.deletionPolicy Delete until its
# bucket is deleted (added and removed as that policy changes; other apps carry none). Get: a
# finalizer patch that meets a conflict is retried on a fresh read of the app.
- apiGroups: ["stateless.dev"]
  resources: ["statelessapps"]
  verbs: ["get", "list", "watch", "patch"]
# Update: the first status is put whole; later ones are patched.
- apiGroups: ["stateless.dev"]
  resources: ["statelessapps/status"]
  verbs: ["update", "patch"]
# The app's children. Deleting the app deletes them through their owner references; the operator
# itself deletes only children that stop being wanted (the budget, the autoscaler, a removed job,
# a managed Redis or object storage server that is removed or switched to External).
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["list", "watch", "create", "update", "delete"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["list", "watch", "create", "update", "delete"]
# The managed object storage's volume: deleted by the operator only under deletionPolicy Delete;
# read and released (its owner reference taken off) when an app held for deletion switches to Retain.
- apiGroups: [""]
  resources: ["persistentvolumeclaims"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["list", "watch", "create", "update", "delete"]
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["list", "watch", "create", "update", "delete"]
- apiGroups: ["batch"]
  resources: ["cronjobs"]
  verbs: ["list", "watch", "create", "update", "delete"]
# The <app>-jwt signing keys, the backends' binding Secrets and generated credentials. List and
# watch cannot be narrowed to the operator's label in RBAC; the informers ask only for labelled
# Secrets. Get: the user's Secrets named in spec.redis / spec.objectStorage, read one by one.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
# Statelessness is checked on the live pods and on the Ingresses that route to the app.
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list", "watch"]
- apiGroups: ["networking.k8s.io"]
  resources: ["ingresses"]
  verbs: ["list", "watch"]
# One Event per new violation, and per backend failure or recovery, on the StatelessApp.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}
