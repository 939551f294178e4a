// Generates the offline Kubernetes schema tables of server/src/schema/generated/ from the `kubernetes-models`
// package (its version pins the Kubernetes version):
//
// - validator-loaders.ts: `apiVersion|kind` → a loader that `require`s the kind's ajv-compiled validator. Each
//   `require` is a literal, so esbuild bundles the modules and evaluates one only when its loader first runs
//   (server start does not pay for 120 validators).
// - field-table.ts: the known fields of every type reachable from each kind, read from the package's `.d.ts`
//   files with the TypeScript compiler API (the validators know no unknown fields: the OpenAPI spec has no
//   `additionalProperties: false`). Compact: one line per type, fields → type references by index.
//
// `npm run generate` (and so `npm run build`) runs it with --if-stale; commit the output:
//   node scripts/generate-field-table.mjs             (writes the files)
//   node scripts/generate-field-table.mjs --if-stale  (returns at once when the files say they were generated from
//                                                      this script and this kubernetes-models version)
//   node scripts/generate-field-table.mjs --check     (fails when the committed files are out of date)
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkgRoot = join(repo, 'node_modules', 'kubernetes-models');
const pkgVersion = JSON.parse(readFileSync(join(pkgRoot, 'package.json'), 'utf8')).version;
const outDir = join(repo, 'server', 'src', 'schema', 'generated');
const check = process.argv.includes('--check');

// What the output depends on: this script and the package it reads. Each generated file names it in its header.
const fingerprint = createHash('sha256')
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(pkgVersion)
  .digest('hex')
  .slice(0, 16);
const OUTPUTS = ['validator-loaders.ts', 'field-table.ts', 'field-docs.ts'];
if (
  process.argv.includes('--if-stale') &&
  OUTPUTS.every(
    (n) => existsSync(join(outDir, n)) && readFileSync(join(outDir, n), 'utf8').includes(`(inputs ${fingerprint})`),
  )
)
  process.exit(0);

// Loaded only now: the two packages are most of what an up-to-date check would cost (the build runs one every time).
const prettier = await import('prettier');
const { default: ts } = await import('typescript');

/** kubernetes-models major.minor → the Kubernetes minor its schemas come from (its changelog says so). */
const KUBERNETES_MINOR = { 4.5: 33, '5.0': 36, 5.1: 36 }[pkgVersion.split('.').slice(0, 2).join('.')];
if (!KUBERNETES_MINOR) throw new Error(`unknown kubernetes-models ${pkgVersion}: add its Kubernetes version here`);

// ---- 1. the kinds: every exported model class with a static apiVersion and kind --------------------------------

/**
 * Only GA apiVersions (`v1`, `apps/v1`, `autoscaling/v2`): the package also carries every beta it ever had, and all
 * of those are removed by 1.33 (deprecated-api-version reports them); leaving them out keeps the bundle smaller.
 */
const GA = /^(?:[a-z0-9.-]+\/)?v\d+$/;

function walk(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (name === '_schemas' || name === 'node_modules') continue;
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.js') && name !== 'index.js') out.push(p);
  }
  return out;
}

const kinds = [];
for (const file of walk(pkgRoot)) {
  const mod = require(file);
  for (const value of Object.values(mod)) {
    if (typeof value !== 'function' || !value.apiVersion || !value.kind || value.kind.endsWith('List')) continue;
    if (!GA.test(value.apiVersion)) continue;
    const sub = relative(pkgRoot, file).split(sep).join('/').replace(/\.js$/, '');
    const key = `${value.apiVersion}|${value.kind}`;
    if (!kinds.some((k) => k.key === key))
      kinds.push({ key, sub, className: value.name, dts: file.replace(/\.js$/, '.d.ts') });
  }
}
kinds.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

// ---- 2. the field table from the .d.ts files ----------------------------------------------------------------

const program = ts.createProgram(
  kinds.map((k) => k.dts),
  { strict: true, noEmit: true, skipLibCheck: true, types: [], moduleResolution: ts.ModuleResolutionKind.Node10 },
);
const checker = program.getTypeChecker();

/** Type id (a path such as `v1/PodSpec` or `meta/v1/ObjectMeta`) → index in `types`. */
const typeIndex = new Map();
/** [id, fields: Array<[name, code]>] */
const types = [];
/** Per type index: [type description, { field: [type label, required 0|1, enum values, description] }]. */
const docs = [];

/** A JSDoc comment as plain text (the `.d.ts` files carry the OpenAPI descriptions as JSDoc). */
function docOf(symbol) {
  return symbol ? ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() : '';
}

/** How the Kubernetes API reference writes a type: `string`, `integer`, `[]Container`, `map[string]Quantity`. */
function label(type, depth = 0) {
  if (depth > 8) return 'object';
  const alias = type.aliasSymbol?.name ?? '';
  if (/Quantity$/.test(alias)) return 'Quantity';
  if (/IntOrString$/.test(alias)) return 'int-or-string';
  if (/MicroTime$|Time$/.test(alias)) return 'Time';
  type = checker.getNonNullableType(type);
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
    if (parts.every((t) => t.flags & ts.TypeFlags.StringLiteral)) return 'string';
    if (parts.every((t) => t.flags & ts.TypeFlags.BooleanLike)) return 'boolean';
    if (parts.length === 1) return label(parts[0], depth + 1);
    return parts.some((t) => t.flags & ts.TypeFlags.Object) ? 'object' : 'int-or-string';
  }
  if (type.flags & ts.TypeFlags.StringLike) return 'string';
  if (type.flags & ts.TypeFlags.NumberLike) return 'integer';
  if (type.flags & ts.TypeFlags.BooleanLike) return 'boolean';
  if (checker.isArrayType(type)) return '[]' + label(checker.getTypeArguments(type)[0], depth + 1);
  if (type.flags & ts.TypeFlags.Object) {
    const props = checker.getPropertiesOfType(type);
    const index = checker.getIndexTypeOfType(type, ts.IndexKind.String);
    if (props.length === 0) return index ? 'map[string]' + label(index, depth + 1) : 'object';
    const id = type.symbol?.name === '__type' ? undefined : typeId(type);
    return id ? id.slice(id.lastIndexOf('/') + 1) : 'object';
  }
  return 'object';
}

/** The values of a field typed as a union of string literals (`imagePullPolicy`: Always | IfNotPresent | Never), or of a list of them. */
function enumOf(type) {
  type = checker.getNonNullableType(type);
  // a list of enum values (accessModes): the values of its items
  if (checker.isArrayType(type)) type = checker.getNonNullableType(checker.getTypeArguments(type)[0]);
  const parts = type.isUnion() ? type.types : [type];
  const values = parts.filter((t) => t.flags & ts.TypeFlags.StringLiteral).map((t) => t.value);
  return values.length === parts.length ? values.sort() : [];
}

function typeId(type) {
  const decl = type.symbol?.declarations?.[0];
  if (!decl) return undefined;
  const file = decl.getSourceFile().fileName.split(sep).join('/');
  const m = /node_modules\/(?:kubernetes-models|@kubernetes-models\/apimachinery)\/(.+)\.d\.ts$/.exec(file);
  return m ? m[1] : undefined;
}

/**
 * A field's type as a short code: `` scalar, `*` anything (free-form JSON), `<n>` the object type `types[n]`,
 * `[<code>` an array of, `{<code>` a map (string keys) of.
 */
function code(type, where, depth = 0) {
  if (depth > 8) return '*';
  type = checker.getNonNullableType(type);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return '*';
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
    if (parts.every((t) => t.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike)))
      return '';
    return '*'; // an object or a scalar (JSONSchemaPropsOrBool …): not checked field by field
  }
  if (type.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike)) return '';
  if (checker.isArrayType(type)) return '[' + code(checker.getTypeArguments(type)[0], where, depth + 1);
  if (type.flags & ts.TypeFlags.Object) {
    const props = checker.getPropertiesOfType(type);
    const index = checker.getIndexTypeOfType(type, ts.IndexKind.String);
    if (props.length === 0) return index ? '{' + code(index, where, depth + 1) : '*';
    // An inline object type (StatefulSetSpec's volumeClaimTemplates items) is named after the field that holds it.
    const id = type.symbol?.name === '__type' ? where : typeId(type);
    if (!id) return '*';
    return String(register(id, type));
  }
  return '*';
}

function register(id, type) {
  let n = typeIndex.get(id);
  if (n !== undefined) return n;
  n = types.length;
  typeIndex.set(id, n);
  const entry = [id, []];
  types.push(entry);
  const fieldDocs = {};
  docs[n] = [docOf(type.symbol?.name === '__type' ? undefined : (type.aliasSymbol ?? type.symbol)), fieldDocs];
  for (const prop of checker.getPropertiesOfType(type)) {
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    const propType = decl ? checker.getTypeOfSymbolAtLocation(prop, decl) : checker.getTypeOfSymbol(prop);
    const required = prop.flags & ts.SymbolFlags.Optional ? 0 : 1;
    fieldDocs[prop.getName()] = [label(propType), required, enumOf(propType), docOf(prop)];
    entry[1].push([prop.getName(), code(propType, `${id}.${prop.getName()}`)]);
  }
  entry[1].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return n;
}

const kindRoots = [];
for (const k of kinds) {
  const sf = program.getSourceFile(k.dts);
  if (!sf) throw new Error(`cannot read ${k.dts}`);
  // The interface `I<Class>` describes the object (the class adds methods).
  const iface = sf.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === `I${k.className}`);
  if (!iface) throw new Error(`no interface I${k.className} in ${k.dts}`);
  const type = checker.getTypeAtLocation(iface.name);
  kindRoots.push([k.key, register(k.sub, type)]);
}

// ---- 3. write -------------------------------------------------------------------------------------------------

const header = (what) =>
  `// Generated by scripts/generate-field-table.mjs from kubernetes-models ${pkgVersion} (Kubernetes 1.${KUBERNETES_MINOR}): ${what}.\n` +
  `// Do not edit: change the script and run it again (inputs ${fingerprint}).\n`;

const loaders =
  header('a validator loader per apiVersion|kind') +
  // The loaders `require` lazily on purpose (see the top of this script).
  `/* eslint-disable @typescript-eslint/no-require-imports */\n` +
  `/** A kubernetes-models class: its prototype's \`validate\` throws an error with ajv's \`errors\` when \`this\` is invalid. */\n` +
  `export interface ModelClass {\n  readonly prototype: { validate(this: unknown): void };\n}\n\n` +
  `/** The Kubernetes minor version the schemas describe. */\nexport const SCHEMA_KUBERNETES_MINOR = ${KUBERNETES_MINOR};\n\n` +
  `export const VALIDATOR_LOADERS: Readonly<Record<string, () => ModelClass>> = {\n` +
  kinds.map((k) => `  '${k.key}': () => require('kubernetes-models/${k.sub}').${k.className},\n`).join('') +
  `};\n`;

// Lines: `id|field:code,field:code`. Field names never hold `|`, `:` or `,`.
const table = types.map(([id, fields]) => `${id}|${fields.map(([f, c]) => `${f}:${c}`).join(',')}`).join('\n');
const fieldTable =
  header('the known fields of every type reachable from a kind') +
  `/** One line per type: \`<id>|<field>:<code>,…\`; codes: '' scalar, '*' free-form, <n> types[n], '[' array of, '{' map of. */\n` +
  `export const FIELD_TYPES = ${JSON.stringify(table)};\n\n` +
  `/** apiVersion|kind → the index of its type in FIELD_TYPES. */\n` +
  `export const KIND_TYPES: Readonly<Record<string, number>> = ${JSON.stringify(Object.fromEntries(kindRoots))};\n`;

// Formatted as `npm run lint` (prettier --check) expects.
async function formatted(path, text) {
  const options = (await prettier.resolveConfig(path)) ?? {};
  return prettier.format(text, { ...options, filepath: path });
}
const files = [];
// Descriptions, type labels, required fields and enum values for completion and hover (authoring/): a separate
// module, parsed only when the user first asks for completion or hover.
const fieldDocs =
  header('descriptions, types, required fields and enum values of every field of the field table') +
  `/** JSON: per type index of FIELD_TYPES, [type description, { field: [type label, required 0|1, enum values, description] }]. */\n` +
  `export const FIELD_DOCS_JSON = ${JSON.stringify(JSON.stringify(docs))};\n`;
for (const [name, text] of [
  ['validator-loaders.ts', loaders],
  ['field-table.ts', fieldTable],
  ['field-docs.ts', fieldDocs],
]) {
  const path = join(outDir, name);
  files.push([path, await formatted(path, text)]);
}
if (check) {
  const stale = files
    .filter(([p, text]) => !existsSync(p) || readFileSync(p, 'utf8') !== text)
    .map(([p]) => relative(repo, p));
  if (stale.length) {
    console.error(`out of date: ${stale.join(', ')} (run node scripts/generate-field-table.mjs)`);
    process.exit(1);
  }
  console.log('schema tables are up to date');
} else {
  mkdirSync(outDir, { recursive: true });
  for (const [p, text] of files) writeFileSync(p, text);
  console.log(`${kinds.length} kinds, ${types.length} types, field table ${(table.length / 1024).toFixed(1)} KiB`);
}
