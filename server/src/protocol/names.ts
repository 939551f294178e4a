/** Names the extension, the language server and package.json (`contributes`) share. */
/** The settings section (`kubewise.*`) the client sends and the server pulls. */
export const SETTINGS_SECTION = 'kubewise';
/** `source` of every diagnostic, and the Problems view filter. */
export const DIAGNOSTIC_SOURCE = 'kubewise';
