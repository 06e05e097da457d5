// No English leaks into Chinese output: every sentence a user can read comes from the catalogues
// (src/i18n/en.ts and zh-CN.ts through t()). This test reads every source file of src/ with the
// TypeScript parser and fails on a string literal that reads as words, wherever it is, outside the
// places listed below, so a string added later (by anyone, in any file) is caught too.
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Parts whose words are not the tool's own, each with the reason. */
const EXEMPT_DIRS: readonly [prefix: string, why: string][] = [
  ['src/i18n/', 'the catalogues themselves'],
  // The emulated API answers in the API's own English, with its Chinese from emulator/api-messages.ts
  // when the request asks for it (X-TC-Language), as the real service does.
  ['src/emulator/', 'the API server\'s answers'],
  // The help's English source; its Chinese mirror is src/i18n/zh-CN-help.ts, which
  // test/i18n-catalogue.test.ts checks line by line against this table.
  ['src/cli/command-specs.ts', 'help text mirrored in zh-CN-help.ts'],
  ['src/cli/option-specs.ts', 'the shared flags of the command table: help text mirrored in zh-CN-help.ts'],
];

/** Single literals that read as words but are not said to a user, with the reason. Keep it short. */
const ALLOWED: readonly [file: string, text: string, why: string][] = [
  ['src/cli/render-help.ts', '  $ tcr-sigpolicy batch policies.csv --dry-run', 'a command line, typed as it is in any language'],
  ['src/commands/emulator-banner.ts', 'tcr-sigpolicy batch ${…} --endpoint ${…} --dry-run', 'a command line to paste'],
  ['src/commands/wizard.ts', 'Guided creation of one policy, or many from a CSV', 'the parser\'s spec of the wizard; its help is the main --help'],
  ['src/services/sdk-api.ts', 'HTTP ${…} ${…}', 'the status line as the server sent it, kept as the error message'],
  ['src/ui/single-row-reporter.ts', '${…}\nRequestId: ${…}\n${…}', 'RequestId is the API\'s field name, the same in every language'],
  ['src/ui/single-row-reporter.ts', 'RequestId: ${…}\n', 'RequestId is the API\'s field name, the same in every language'],
];

/**
 * Words: two runs of letters side by side, each starting after a space, a bracket or the start, so
 * names (`tcr-ab12cd34/ledger`, `--out FILE`, `TENCENTCLOUD_SECRET_ID`) and codes are not prose.
 * A `${…}` counts as a word beside a real one, so `registry ${id}` is caught and `${a} ${b}` is not.
 */
// eslint-disable-next-line no-control-regex -- \u0001 stands for a template's ${…}, which no source text holds
const PROSE = /(?:^|[\s("'`])(?:[A-Za-z]{2,}[,:;.]? (?:[A-Za-z]{2,}|\u0001)|\u0001[,:;.]? [A-Za-z]{2,})(?=$|[\s,.:;!?)'"`])/;

interface Finding {
  readonly where: string;
  readonly text: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The text of a literal, with each `${…}` of a template as one placeholder "word". */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => `\u0001${span.literal.text}`).join('');
  if (ts.isJsxText(node)) return node.text.trim();
  return undefined;
}

/** `new Error('…')` is a bug report (exit 70, with its stack), read by whoever fixes the tool. */
function isBugReport(node: ts.Node): boolean {
  let at = node.parent;
  while (ts.isBinaryExpression(at) || ts.isParenthesizedExpression(at) || ts.isConditionalExpression(at)) at = at.parent;
  return ts.isNewExpression(at) && ts.isIdentifier(at.expression) && at.expression.text === 'Error';
}

/** Import paths, `import()` specifiers and keys of `t('…')` are names, not words. */
function isName(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isLiteralTypeNode(parent)) return true;
  return ts.isCallExpression(parent) && parent.expression.kind === ts.SyntaxKind.ImportKeyword;
}

function findProse(path: string): Finding[] {
  const file = relative(ROOT, path).split('\\').join('/');
  const source = ts.createSourceFile(file, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Finding[] = [];
  const visit = (node: ts.Node): void => {
    const text = literalText(node);
    if (text !== undefined && PROSE.test(text) && !isName(node) && !isBugReport(node)) {
      const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push({ where: `${file}:${line + 1}:${character + 1}`, text: text.replaceAll('\u0001', '${…}') });
    }
    if (ts.isTemplateExpression(node)) node.templateSpans.forEach((span) => visit(span.expression));
    else ts.forEachChild(node, visit);
  };
  visit(source);
  return found.filter((f) => !ALLOWED.some(([allowedFile, allowedText]) => f.where.startsWith(`${allowedFile}:`) && f.text === allowedText));
}

test('every sentence a user reads comes from the catalogues: no literal words in src/ outside them', (t) => {
  const files = sourceFiles(join(ROOT, 'src')).filter((path) => {
    const file = relative(ROOT, path).split('\\').join('/');
    return !EXEMPT_DIRS.some(([prefix]) => file.startsWith(prefix));
  });
  t.true(files.length > 100, 'the scan sees the source');
  const findings = files.flatMap(findProse);
  const report = findings.map((f) => `  ${f.where}  ${JSON.stringify(f.text.length > 90 ? `${f.text.slice(0, 90)}…` : f.text)}`).join('\n');
  t.deepEqual(findings, [], findings.length === 0 ? '' : [
    `${findings.length} user-facing string(s) outside the catalogues, so a Chinese user would read them in English:`,
    report,
    'Fix: add a key to BOTH src/i18n/en.ts and src/i18n/zh-CN.ts, in the group it belongs to, and use t(\'group.key\', { … }).',
    'If the string is never shown to a user (an id, a log key), add [file, text, why] to ALLOWED in test/i18n-literals.test.ts.',
  ].join('\n'));
});

test('the scan finds words in every kind of literal, and not in names, codes or bug reports', (t) => {
  const sample = ts.createSourceFile('x.ts', [
    'out.write(`error: registry ${id} was not found\\n`);',
    "const note = 'stopped before retrying';",
    "const key = 'tcr-ab12cd34/ledger';",
    "const flag = '--out FILE';",
    "const env = 'TENCENTCLOUD_SECRET_ID';",
    "throw new Error('runBatch needs a paced API');",
    "import { t } from '../i18n/messages.js';",
    "const said = t('plan.head', { n });",
  ].join('\n'), ts.ScriptTarget.Latest, true);
  const texts: string[] = [];
  const visit = (node: ts.Node): void => {
    const text = literalText(node);
    if (text !== undefined && PROSE.test(text) && !isName(node) && !isBugReport(node)) texts.push(text.replaceAll('\u0001', '${…}'));
    if (ts.isTemplateExpression(node)) node.templateSpans.forEach((span) => visit(span.expression));
    else ts.forEachChild(node, visit);
  };
  visit(sample);
  t.deepEqual(texts, ['error: registry ${…} was not found\n', 'stopped before retrying']);
});
