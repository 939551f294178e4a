/**
 * What a finding says, as tests compare it: `messageId {key=value, …}` from its message id and data (sorted keys), not
 * its prose, which may be reworded. Shared by the engine's tests (the diagnostic's own fields) and the language
 * server's (the published diagnostic's `data`), so both read alike.
 */
export function saidOf(messageId: string | undefined, data: Readonly<Record<string, unknown>> | undefined): string {
  const pairs = Object.entries(data ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${String(v)}`);
  return pairs.length ? `${messageId} {${pairs.join(', ')}}` : `${messageId}`;
}
