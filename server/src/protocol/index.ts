/**
 * What the client and the server both use. The client imports server code only from here (ESLint enforces it), and
 * esbuild inlines it into the client bundle, so nothing here may import anything else of the server.
 */
export * from './cli-json';
export * from './code-actions';
export * from './commands';
export * from './docs';
export * from './names';
export * from './sniff';
export * from './metrics';
export * from './drift';
export * from './editor-findings';
