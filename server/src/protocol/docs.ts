/** Where each rule's page lives: `codeDescription.href` of diagnostics, SARIF, `kubewise rules`, the client. */
export const DOCS_BASE_URL = 'https://github.com/kubewise/kubewise/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
