// The shape docs/architecture.md describes, checked on the real tree: no import cycles, no import
// across a forbidden line, no file past 300 lines. Each rule is also shown to catch a planted mistake.
import test from 'ava';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { forbiddenImports, importCycles, importEdges, MAY_IMPORT, partOf, SRC, sourceFiles } from './helpers/import-graph.js';

function plantTree(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'arch-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

test('src/ has no import cycle, static or lazy', (t) => {
  t.deepEqual(importCycles(importEdges()), []);
});

test('a cycle through a lazy import() is found, and a type-only import makes none', (t) => {
  const root = plantTree({
    'commands/a.ts': "export const run = async () => (await import('./b.js')).b;\n",
    'commands/b.ts': "import { run } from './a.js';\nexport const b = run;\n",
    'commands/c.ts': "import type { b } from './b.js';\nexport type C = typeof b;\n",
    'commands/d.ts': "export { run } from './a.js';\n",
  });
  t.deepEqual(importCycles(importEdges(root)), [['commands/a.ts', 'commands/b.ts']]);
});

test('no import in src/ crosses a forbidden line (core, ui and the emulator stay inside theirs)', (t) => {
  t.deepEqual(forbiddenImports(importEdges()), []);
});

test('core importing services, ui importing the engine and the emulator importing client code are caught', (t) => {
  const root = plantTree({
    'core/rule.ts': "import type { Journal } from '../services/journal.js';\nexport type J = Journal;\n",
    'services/journal.ts': 'export interface Journal { path: string }\n',
    'services/run-batch.ts': 'export const runBatch = 1;\n',
    'ui/face.ts': "import { runBatch } from '../services/run-batch.js';\nexport const f = runBatch;\n",
    'emulator/server.ts': "import { x } from '../core/rule.js';\nimport { UsageError } from '../core/errors.js';\nexport const s = [x, UsageError];\n",
    'core/errors.ts': 'export class UsageError {}\n',
  });
  t.deepEqual(forbiddenImports(importEdges(root)).sort(), [
    'core/rule.ts -> services/journal.ts',
    'emulator/server.ts -> core/rule.ts',
    'ui/face.ts -> services/run-batch.ts',
  ]);
});

/**
 * The message catalogues are data, one table per language, not code: split, each extra module costs
 * `--help` start-up about 0.6 ms (measured when they were written), so they are the one exception.
 */
const CATALOGUES = ['i18n/en.ts', 'i18n/zh-CN.ts'];

test('no file in src/ is over 300 lines (the message catalogues aside)', (t) => {
  const long = sourceFiles().filter((f) => !CATALOGUES.includes(f) && readFileSync(join(SRC, f), 'utf8').split('\n').length > 300);
  t.deepEqual(long, []);
});

test('docs/architecture.md draws the same lines as the check, for every part src/ has', (t) => {
  const page = readFileSync(new URL('../docs/architecture.md', import.meta.url), 'utf8');
  const table = Object.fromEntries(
    [...page.matchAll(/^\| `([^`]+)` \|[^|]*\| ([^|]+) \|$/gm)].map((m) => [m[1], (m[2] as string).split(',').map((p) => p.trim())]),
  );
  t.deepEqual(table, MAY_IMPORT);
  t.deepEqual([...new Set(sourceFiles().map(partOf))].sort(), Object.keys(MAY_IMPORT).sort());
});
