/** Code action kinds the server offers and the client asks for. */
/** "Fix everything Kubewise can fix" (`source.fixAll` + `.kubewise`): fix on save and the Fix All command use it. */
export const FIX_ALL_KIND = 'source.fixAll.kubewise';
