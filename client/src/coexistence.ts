/**
 * Living next to Red Hat's YAML extension (redhat.vscode-yaml). It validates Kubernetes manifests against a JSON
 * schema once the user maps files to `kubernetes` in `yaml.schemas`; Kubewise's schema rules would then report the
 * same mistakes a second time. `kubewise.schemaValidation` decides who reports them: `auto` (the default) leaves
 * them to Red Hat's extension exactly when it is installed, enabled and has a Kubernetes schema mapping.
 *
 * The decision is applied where the server reads its settings (the `workspace/configuration` middleware), so the
 * server needs no knowledge of other extensions. An explicit severity in `kubewise.rules` always wins.
 */
import * as vscode from 'vscode';

export const REDHAT_YAML = 'redhat.vscode-yaml';
/** Kubewise's rules that overlap a JSON-schema validator. */
export const SCHEMA_RULES = ['schema-violation', 'unknown-field'] as const;

export type SchemaValidation = 'auto' | 'on' | 'off';

/** Whether Red Hat's YAML extension validates Kubernetes manifests for this resource. */
export function redHatValidatesKubernetes(scope: vscode.Uri | undefined): boolean {
  if (!vscode.extensions.getExtension(REDHAT_YAML)) return false;
  const yaml = vscode.workspace.getConfiguration('yaml', scope);
  if (yaml.get<boolean>('validate', true) === false) return false;
  const schemas = yaml.get<Record<string, unknown>>('schemas', {}) ?? {};
  return Object.keys(schemas).some(
    (k) => k === 'kubernetes' || /kubernetes-json-schema|kubernetesjsonschema|\/k8s\b/i.test(k),
  );
}

/** Whether Kubewise should report schema problems for this resource. */
export function kubewiseValidatesSchema(scope: vscode.Uri | undefined): boolean {
  const mode = vscode.workspace.getConfiguration('kubewise', scope).get<SchemaValidation>('schemaValidation', 'auto');
  if (mode === 'on') return true;
  if (mode === 'off') return false;
  return !redHatValidatesKubernetes(scope);
}

/** The `kubewise` section as the server should see it for one resource. */
export function effectiveSettings(section: unknown, scope: vscode.Uri | undefined): unknown {
  if (!section || typeof section !== 'object' || kubewiseValidatesSchema(scope)) return section;
  const s = section as { rules?: Record<string, string> };
  const off = Object.fromEntries(SCHEMA_RULES.map((id) => [id, 'off']));
  return { ...s, rules: { ...off, ...(s.rules ?? {}) } };
}
