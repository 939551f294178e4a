/** Every YAML document of a text as plain data (CRD files named by `kubewise.crds`); never throws. */
import { parseAllDocuments } from 'yaml';

export function plainDocuments(text: string): unknown[] {
  try {
    return parseAllDocuments(text, { prettyErrors: false })
      .filter((d) => d.errors.length === 0)
      .map((d) => {
        try {
          return d.toJS({ maxAliasCount: 1000 }) as unknown;
        } catch {
          return undefined;
        }
      })
      .filter((v) => v !== undefined && v !== null);
  } catch {
    return [];
  }
}
