/** Where each rule's page lives: `codeDescription.href` of diagnostics, SARIF, `kubewise rules`, the client. */
export const DOCS_BASE_URL = 'https://github.com/kubewise/kubewise/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

/**
 * `initializationOptions` with which a client asks for smaller publishes (a large file has thousands of diagnostics,
 * all published again on every keystroke). Editors that send none get every field.
 */
export interface KubewiseInitializationOptions {
  /**
   * 'client': the client adds each diagnostic's link to its rule page itself (from the rule id in `code`, with
   * `ruleDocsUrl`), so the server leaves `codeDescription` out: the same few links were a quarter of the bytes.
   */
  ruleDocsLinks?: 'client';
  /**
   * false: the client does not read the message id and placeholder values in `data` (the `m` and `a` of
   * lsp/diagnostics.ts `WireData`), so the server leaves them out. They are for clients that match findings without
   * reading the prose.
   */
  messageIds?: boolean;
}
