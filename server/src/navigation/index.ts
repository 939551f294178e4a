/** Navigation between Kubernetes objects (definition, references), for the language server. */
export { definitionAt } from './definition';
export type { Location, TextOf } from './files';
export { referencesTo } from './references';
export type { ReferencesOptions } from './references';
