// Reads every import of src/ as text: static, re-exports and lazy import(), each with whether it is type-only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ImportEdge {
  /** Paths relative to src/, e.g. commands/create.ts. */
  readonly from: string;
  readonly to: string;
  /** `import type …`: erased when compiled, so it can form no cycle at run time. */
  readonly typeOnly: boolean;
}

export const SRC = fileURLToPath(new URL('../../src', import.meta.url));

export function sourceFiles(root = SRC): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name)) files.push(relative(root, path));
    }
  };
  walk(root);
  return files.sort();
}

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/** Every relative import between files of `root`, resolved to the file it names. */
export function importEdges(root = SRC): ImportEdge[] {
  const files = new Set(sourceFiles(root));
  const edges: ImportEdge[] = [];
  for (const from of files) {
    const text = readFileSync(join(root, from), 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = (m[3] ?? m[4]) as string;
      const base = join(dirname(from), spec).replace(/\.js$/, '');
      const to = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((f) => files.has(f));
      if (to === undefined) throw new Error(`${from}: cannot resolve ${spec}`);
      edges.push({ from, to, typeOnly: m[2] !== undefined });
    }
  }
  return edges;
}

/** The import cycles (strongly connected groups of two or more files, or a file importing itself). */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) if (!e.typeOnly) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v) as number);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) visit(w);
      if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop() as string;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || (next.get(v) ?? []).includes(v)) cycles.push(group.sort());
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

/** The part of src/ a file belongs to: its first folder, or the file itself at the top (cli.ts). */
export const partOf = (file: string): string => file.split('/')[0] as string;

/**
 * Which parts each part may import (docs/architecture.md draws the same picture). A file listed
 * instead of a part is the one file of that part allowed.
 */
export const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  core: ['core', 'i18n'],
  services: ['core', 'services', 'i18n'],
  ui: ['core', 'ui', 'i18n'],
  // The catalogues: every part's words, in the run's language; they import only core's types.
  i18n: ['i18n', 'core'],
  // A server of its own: it checks the client's requests, so it shares none of the client's code;
  // its input errors are the CLI's UsageError, which the one top-level handler turns into exit 2.
  emulator: ['emulator', 'core/errors.ts'],
  cli: ['cli', 'core', 'services', 'i18n'],
  commands: ['commands', 'cli', 'core', 'services', 'ui', 'emulator', 'i18n'],
  'cli.ts': ['cli', 'commands', 'core', 'i18n'],
};

/** Imports that cross a line MAY_IMPORT does not draw, as `from -> to`. */
export function forbiddenImports(edges: readonly ImportEdge[]): string[] {
  return edges
    .filter((e) => {
      const allowed = MAY_IMPORT[partOf(e.from)] ?? [];
      return !allowed.includes(partOf(e.to)) && !allowed.includes(e.to);
    })
    .map((e) => `${e.from} -> ${e.to}`);
}
