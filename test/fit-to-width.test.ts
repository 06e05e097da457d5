// Text fitted to a terminal's width in cells: wrapped between words, commands still pasteable,
// tables narrowed rather than wrapped. The faces' tmux tests check the same at 60, 80, 100 and 140.
import test from 'ava';
import stringWidth from 'string-width';
import { readPolicyCsv } from '../src/services/read-policy-csv.js';
import { wrapCells } from '../src/ui/fit-cells.js';
import { fitClosingLines } from '../src/ui/fit-closing-lines.js';
import { formatIntakeSummary } from '../src/ui/wizard-text.js';

const widest = (lines: readonly string[]): number => Math.max(...lines.map((l) => stringWidth(l)));
const KEY_ID = '2c3d4e5f-4b7d-11ee-9c3a-525400445566';

test('wrapCells breaks between words, never inside an id that fits a line, and indents under the label', (t) => {
  const lines = wrapCells(`KMS key ${KEY_ID} has usage ENCRYPT_DECRYPT; image signing needs ASYMMETRIC_SIGN_VERIFY_RSA_2048`, 42, { label: 'Why: ' });
  t.deepEqual(lines, [
    'Why: KMS key',
    `     ${KEY_ID}`,
    '     has usage ENCRYPT_DECRYPT; image',
    '     signing needs',
    '     ASYMMETRIC_SIGN_VERIFY_RSA_2048',
  ]);
  t.deepEqual(wrapCells(`key ${KEY_ID}`, 30), ['key', '2c3d4e5f-4b7d-11ee-9c3a-525400', '445566'], 'only a word wider than a line is cut');
  t.deepEqual(wrapCells('short', 40, { label: 'Why: ' }), ['Why: short']);
});

test('wrapCells counts cells: Chinese text is two cells a character, and a run longer than a line is cut', (t) => {
  const lines = wrapCells('结果已导出到一个很长很长很长的文件名里面', 20);
  t.true(widest(lines) <= 20, lines.join('\n'));
  t.is(lines.join(''), '结果已导出到一个很长很长很长的文件名里面');
});

test('closing lines wrap under their label; a command wraps with a backslash and its note goes below', (t) => {
  const lines = fitClosingLines([
    'Results:   r.csv',
    'Failed:    1 row UnauthorizedOperation: the account lacks permission: grant it tcr:CreateSignaturePolicy (and kms access) in CAM',
    'Resume:    tcr-sigpolicy batch sample.csv --endpoint http://127.0.0.1:9519 --yes --out r.csv --resume r.20261206T211123Z-587cfd.journal.jsonl --force',
    'Roll back: tcr-sigpolicy rollback r.csv   (deletes the 54 created)',
  ], 60);
  t.true(widest(lines) <= 60, lines.join('\n'));
  t.is(lines[0], 'Results:   r.csv');
  t.regex(lines.join('\n'), /^Failed: {4}1 row UnauthorizedOperation: the account lacks\n {11}permission:/m);
  const resume = lines.slice(lines.findIndex((l) => l.startsWith('Resume:')), lines.findIndex((l) => l.startsWith('Roll back:')));
  t.true(resume.slice(0, -1).every((l) => l.endsWith(' \\')), 'every line of the command but its last ends in a backslash');
  t.true(resume.slice(1).every((l) => l.startsWith(' '.repeat(11))));
  // Pasted into a shell, the backslash-newlines join it back into the one command.
  t.is(resume.map((l, i) => (i === 0 ? l.slice(11) : l.trim())).join(' ').replace(/ \\ /g, ' '),
    'tcr-sigpolicy batch sample.csv --endpoint http://127.0.0.1:9519 --yes --out r.csv --resume r.20261206T211123Z-587cfd.journal.jsonl --force');
  t.deepEqual(lines.slice(-2), ['Roll back: tcr-sigpolicy rollback r.csv', '           (deletes the 54 created)'], 'the note below the command, not in it');
  t.deepEqual(fitClosingLines(['Roll back: tcr-sigpolicy rollback r.csv   (deletes the 54 created)'], 80),
    ['Roll back: tcr-sigpolicy rollback r.csv   (deletes the 54 created)'], 'a line that fits is left alone');
  t.deepEqual(fitClosingLines(['Resume:    x'.repeat(20)], Infinity), ['Resume:    x'.repeat(20)], 'not a terminal: left whole');
});

test('the CSV summary at 60 columns: lines wrap between words and the table keeps line, region and ids', async (t) => {
  const source = 'fixtures/bad/many-problems.csv';
  const summary = formatIntakeSummary(await readPolicyCsv(source, {}), source, 'tcr-sigpolicy batch fixtures/bad/many-problems.csv --dry-run', 60);
  const lines = summary.split('\n');
  t.true(widest(lines) <= 60, summary);
  t.regex(summary, /\n {2}line +Region +RegistryId +NamespaceName\n/, 'the last columns give way');
  t.regex(summary, /\n {2}error: fixtures\/bad\/many-problems\.csv line 3,/);
  t.notRegex(summary, /KmsRegion/);
  t.regex(formatIntakeSummary(await readPolicyCsv(source, {}), source, 'tcr-sigpolicy batch fixtures/bad/many-problems.csv --dry-run', 140), /NamespaceName +Name +KmsId +KmsRegion/, 'wide enough: every column');
});
