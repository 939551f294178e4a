/**
 * What looks like a secret, for secret-in-env and sensitive-configmap. Names are split into words (`DB_PASSWORD`,
 * `dbPassword`, `db-password` → db, password) and matched word by word, so `tokenizer` or `bypass` never match while
 * every spelling of "password" does. A name that only *refers* to a secret (`SECRET_NAME`, `TOKEN_FILE`,
 * `PASSWORD_MIN_LENGTH`) is not one, and neither is a value that is a placeholder or a reference to something else.
 */

/** Words that make a name secret-like on their own. */
const SECRET_WORDS: ReadonlySet<string> = new Set([
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'secret',
  'token',
  'credential',
  'credentials',
  'creds',
  'apikey',
  'bearer',
  'privatekey',
]);

/** `<word> key` pairs that name a key (`API_KEY`, `PRIVATE_KEY`, `AWS_SECRET_ACCESS_KEY`, `ENCRYPTION_KEY`). */
const KEY_PREFIXES: ReadonlySet<string> = new Set([
  'api',
  'private',
  'access',
  'secret',
  'signing',
  'encryption',
  'master',
  'account',
  'storage',
  'ssh',
  'hmac',
  'jwt',
  'client',
  'auth',
  'license',
]);

/**
 * A last word that turns the name into a reference or a setting about a secret rather than the secret itself
 * (`SECRET_NAME`, `TOKEN_URL`, `PASSWORD_MIN_LENGTH`, `AWS_ACCESS_KEY_ID`, `TOKEN_TTL_SECONDS`).
 */
const NOT_SECRET_LAST: ReadonlySet<string> = new Set(
  [
    'name names file files filename path dir directory location mount url uri endpoint host hostname port',
    'ttl expiry expiration expires timeout lifetime duration seconds minutes hours interval length len',
    'size min max count enabled disabled enable disable required type mode header id ids prefix suffix',
    'version policy ref kind format algorithm alg issuer audience scope scopes field user username email',
    'region namespace limit limits budget threshold key keys',
  ]
    .join(' ')
    .split(' '),
);

/** A first word that makes the name a setting about secrets (`MAX_TOKEN`, `MIN_PASSWORD`), not a secret. */
const NOT_SECRET_FIRST: ReadonlySet<string> = new Set(['max', 'min', 'num', 'number']);

/** The words of a name: split at non-alphanumerics and at lower→upper case changes, lowercased. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

/** Whether an environment variable or data key name says that its value is a secret. */
export function isSecretLikeName(name: string): boolean {
  if (/^azure_.+key$/i.test(name) || /^oci_cli_key_content$/i.test(name)) return true;
  const words = nameWords(name);
  // `PWD` alone is the shell's working directory, not a password.
  if (words.length === 0 || (words.length === 1 && words[0] === 'pwd') || NOT_SECRET_FIRST.has(words[0])) return false;
  const last = words[words.length - 1];
  // `…_KEY` and `…_KEYS` end in "key" but are secret when a key word precedes them; other references are not.
  const keyNamed = words.some((w, i) => (w === 'key' || w === 'keys') && i > 0 && KEY_PREFIXES.has(words[i - 1]));
  if (NOT_SECRET_LAST.has(last) && !((last === 'key' || last === 'keys') && keyNamed)) return false;
  // `pass` only at the end (`DB_PASS`, `SMTP_PASS`); elsewhere it is usually a different word (`PASS_THROUGH`).
  if (last === 'pass') return true;
  return keyNamed || words.some((w) => SECRET_WORDS.has(w));
}

/**
 * Values that hold no secret: empty, booleans, references resolved elsewhere (`$(VAR)`, `${VAR}`, `{{ … }}`, `<…>`),
 * conventional placeholders (`changeme`, `TODO`, `xxx`, `***`), and absolute file paths (the secret lives in the file).
 */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/^(?:true|false|yes|no|on|off|null|nil|none|~|-)$/i.test(v)) return true;
  if (/\$\(|\$\{|\{\{|^<[^>]*>$|^%\(.*\)s$/.test(v)) return true;
  if (/^(?:todo|tbd|fixme|change[-_ ]?me|replace[-_ ]?me|placeholder|redacted|dummy|example|x+|\*+|\.+)$/i.test(v))
    return true;
  if (/^\/[^\s]*$/.test(v)) return true;
  return false;
}

// Any number of dashes (one is enough to match): keys pasted through tools that shorten or lengthen the armour lines
// are still keys. `-+` at both ends would backtrack quadratically over a long run of dashes.
const PRIVATE_KEY_BLOCK = /- ?BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)? ?-/;

/** A PEM private key (RSA, EC, OpenSSH, PKCS#8, encrypted or not) anywhere in the value. */
export function containsPrivateKey(value: string): boolean {
  return PRIVATE_KEY_BLOCK.test(value);
}

/** A URL with a password in it (`postgres://app:hunter2@db:5432/app`), the password not being a placeholder. */
export function urlPassword(value: string): string | undefined {
  // Found from each `://` outwards, not with one pattern over the value: `[a-z][a-z0-9+.-]*:\/\/…` tried at every
  // position of a long word backtracks quadratically (80,000 characters took seconds).
  for (let at = value.indexOf('://'); at >= 0; at = value.indexOf('://', at + 1)) {
    if (!hasScheme(value, at)) continue;
    USER_PASSWORD.lastIndex = at + 3;
    const m = USER_PASSWORD.exec(value);
    if (m) return isPlaceholderValue(m[1]) ? undefined : m[1];
  }
  return undefined;
}

/** `user:password@` right after `://` (sticky: tried at one position only). */
const USER_PASSWORD = /[^\s/:@]+:([^\s/@]+)@/y;

/** Whether a URL scheme (`[a-z][a-z0-9+.-]*`, any case) ends at `end`. */
function hasScheme(value: string, end: number): boolean {
  let letter = false;
  for (let i = end - 1; i >= 0; i--) {
    const c = value[i];
    if (/[a-z]/i.test(c)) letter = true;
    else if (!/[0-9+.-]/.test(c)) break;
  }
  return letter;
}

/** A Secret data key for an environment variable: `DB_PASSWORD` → `db-password` (the usual Secret key style). */
export function secretKeyFor(envName: string): string {
  const key = nameWords(envName).join('-');
  return key === '' ? 'value' : key;
}
