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
- apiGroups: ["stateless.dev"]
  resources: ["statelessapps"]
  verbs: ["list", "watch"]
- apiGroups: ["stateless.dev"]
  resources: ["statelessapps/status"]
  verbs: ["patch"]
# The app's children. Deleting the app deletes them through their owner references; the operator
# itself deletes only children that stop being wanted (the budget, the autoscaler, a removed job).
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["list", "watch", "create", "update"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["list", "watch", "create", "update"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["list", "watch", "create", "update", "delete"]
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["list", "watch", "create", "update", "delete"]
- apiGroups: ["batch"]
  resources: ["cronjobs"]
  verbs: ["list", "watch", "create", "update", "delete"]
# The <app>-jwt signing keys. List and watch cannot be narrowed to the operator's label in RBAC;
# the informer asks only for labelled Secrets.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["list", "watch", "create", "update", "delete"]
# Statelessness is checked on the live pods and on the Ingresses that route to the app.
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list", "watch"]
- apiGroups: ["networking.k8s.io"]
  resources: ["ingresses"]
  verbs: ["list", "watch"]
# One Event per new violation, on the StatelessApp.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}
