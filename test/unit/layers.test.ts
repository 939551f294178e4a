/**
 * The layer boundaries in eslint.config.mjs catch what they promise (`npm run lint` enforces them on the real tree;
 * this guards the configuration itself: a mistyped pattern would silently allow everything). The real config is
 * used, without type information, on small texts placed at paths in the tree.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import { repoRoot } from '../support/paths';

const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
});

/** The import strings of `code` that no-restricted-imports rejects when the file is at `path`. */
async function rejected(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${path}` });
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => /'([^']+)' import/.exec(m.message)?.[1] ?? m.message);
}

test("only server/src/yaml imports 'yaml'", async () => {
  assert.deepEqual(await rejected('server/src/lsp/x.ts', "import { parse } from 'yaml';\nparse('a');\n"), ['yaml']);
  assert.deepEqual(await rejected('server/src/rules/api/x.ts', "import { isMap } from 'yaml';\nisMap(1);\n"), ['yaml']);
  assert.deepEqual(await rejected('server/src/yaml/x.ts', "import { parse } from 'yaml';\nparse('a');\n"), []);
});

test('engine/, model/, yaml/ and schema/ import nothing from the layers above them', async () => {
  for (const dir of ['engine', 'model', 'yaml', 'schema']) {
    const code = [
      "import { allRules } from '../rules';",
      "import { x } from '../rulekit/kinds';",
      "import { y } from '../lsp/config';",
      "import { z } from '../cli/main';",
      "import { w } from '../composition';",
      'export const all = [allRules, x, y, z, w];',
    ].join('\n');
    assert.deepEqual(
      await rejected(`server/src/${dir}/x.ts`, code),
      ['../rules', '../rulekit/kinds', '../lsp/config', '../cli/main', '../composition'],
      dir,
    );
  }
  assert.deepEqual(await rejected('server/src/model/x.ts', "import { y } from '../engine/types';\nexport { y };\n"), [
    '../engine/types',
  ]);
  assert.deepEqual(
    await rejected('server/src/engine/x.ts', "import { y } from '../model/object';\nexport { y };\n"),
    [],
    'downwards is fine',
  );
});

test('a rule file imports no other rule file, but may import rulekit and below', async () => {
  const code = [
    "import a from './memory-limit-missing';",
    "import b from '../networking/ingress-tls-missing';",
    "import { c } from '../../rulekit/kinds';",
    "import { d } from '../../engine/rule';",
    'export default [a, b, c, d];',
  ].join('\n');
  assert.deepEqual(await rejected('server/src/rules/resources/x.ts', code), [
    './memory-limit-missing',
    '../networking/ingress-tls-missing',
  ]);
});

test('the client imports server code only from server/src/protocol', async () => {
  const code = [
    "import { lintText } from '../../server/src/engine';",
    "import { COMMANDS } from '../../server/src/protocol';",
    "import { FIX_ALL_KIND } from '../../server/src/protocol/code-actions';",
    'export const all = [lintText, COMMANDS, FIX_ALL_KIND];',
  ].join('\n');
  assert.deepEqual(await rejected('client/src/x.ts', code), ['../../server/src/engine']);
});

test('protocol/ imports nothing else of the server', async () => {
  assert.deepEqual(
    await rejected(
      'server/src/protocol/x.ts',
      "import { a } from '../engine/types';\nimport { b } from './docs';\nexport { a, b };\n",
    ),
    ['../engine/types'],
  );
});
