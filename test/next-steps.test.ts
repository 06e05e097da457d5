import test from 'ava';
import { failureCodes, nextSteps, resumeCommand } from '../src/core/next-steps.js';
import { emptyCounts } from '../src/core/result.js';
import { abbreviateKey, abbreviateMiddle } from '../src/ui/row-columns.js';
import { lineRanges, notSentLines } from '../src/ui/format-row.js';

const resumeCases: [string, string[], string, boolean, string][] = [
  ['adds --resume', ['batch', 'p.csv', '--yes'], 'j.jsonl', true, 'tcr-sigpolicy batch p.csv --yes --resume j.jsonl'],
  ['replaces an earlier --resume', ['batch', 'p.csv', '--resume', 'old.csv', '--resume=older.csv'], 'j.jsonl', true, 'tcr-sigpolicy batch p.csv --resume j.jsonl'],
  ['quotes what the shell would split', ['batch', 'my file.csv', '--endpoint', "http://127.0.0.1:9500"], "it's.jsonl", true,
    "tcr-sigpolicy batch 'my file.csv' --endpoint http://127.0.0.1:9500 --resume 'it'\\''s.jsonl'"],
  ['--out gets --force, to replace the first results', ['batch', 'p.csv', '--out', 'r.csv'], 'r.journal.jsonl', true, 'tcr-sigpolicy batch p.csv --out r.csv --resume r.journal.jsonl --force'],
  ['no --force where the command has none', ['batch', 'p.csv', '--out', 'r.csv'], 'j', false, 'tcr-sigpolicy batch p.csv --out r.csv --resume j'],
  ['--force once', ['batch', 'p.csv', '--out', 'r.csv', '--force'], 'j', true, 'tcr-sigpolicy batch p.csv --out r.csv --force --resume j'],
];
for (const [name, argv, journal, force, want] of resumeCases) {
  test(`resumeCommand ${name}`, (t) => t.is(resumeCommand(argv, journal, {}, force), want));
}

test('resumeCommand adds what the run used that the user did not type, and keeps what they did', (t) => {
  const context = { endpoint: ['ap-guangzhou=http://127.0.0.1:9500', 'http://127.0.0.1:9600'], profile: 'rehearsal', region: 'ap-guangzhou', lang: 'zh-CN' };
  t.is(
    resumeCommand(['batch', 'p.csv', '--region', 'ap-shanghai'], 'j', context),
    'tcr-sigpolicy batch p.csv --region ap-shanghai --resume j --endpoint ap-guangzhou=http://127.0.0.1:9500 --endpoint http://127.0.0.1:9600 --profile rehearsal --lang zh-CN',
  );
});

test('the closing block: results, journal, failures with hints, resume and rollback, only what applies', (t) => {
  const counts = { ...emptyCounts(), created: 3, failed: 1, 'not-sent': 2 };
  const lines = nextSteps({
    counts, interrupted: true, journal: 'r.journal.jsonl', results: 'r.csv',
    resume: (file) => `tcr-sigpolicy batch p.csv --resume ${file}`, rollback: (file) => `tcr-sigpolicy rollback ${file} --endpoint http://127.0.0.1:9500`,
    failures: [['ResourceNotFound', 1, 'check the registry']],
  });
  t.deepEqual(lines, [
    'Results:   r.csv',
    'Journal:   r.journal.jsonl',
    'Failed:    1 row ResourceNotFound: check the registry',
    'Resume:    tcr-sigpolicy batch p.csv --resume r.journal.jsonl',
    '           (sends only the 2 not sent and 1 failed rows again; created rows are not)',
    'Roll back: tcr-sigpolicy rollback r.csv --endpoint http://127.0.0.1:9500   (deletes the 3 created)',
  ]);
  t.deepEqual(nextSteps({ counts: { ...emptyCounts(), created: 2 }, interrupted: false, journal: 'j' }), ['Journal:   j'], 'no undo, nothing to resume');
  // Stopped before anything was sent (a refused plan): running again is the resume.
  t.false(nextSteps({ counts: { ...emptyCounts(), 'not-sent': 5 }, interrupted: false, journal: 'j', resume: () => 'x' }).some((l) => l.startsWith('Resume')));
});

test('failureCodes counts failed rows by code, most first; not-sent rows are explained elsewhere', (t) => {
  const r = (status: 'failed' | 'not-sent', ErrorCode: string, ErrorMessage = '') => ({ status, ErrorCode, ErrorMessage });
  t.deepEqual(failureCodes([r('failed', 'A'), r('failed', 'B'), r('failed', 'B'), r('not-sent', 'C'), r('failed', '')]), [['B', 2], ['A', 1]]);
  // One code, two causes: each group gets the hint of its own cause.
  const byCause = (code: string, message: string) => (message.includes('domain') ? 'fix the Domain' : 'fix the key');
  t.deepEqual(
    failureCodes([r('failed', 'P', 'bad domain'), r('failed', 'P', 'bad key'), r('failed', 'P', 'other domain')], byCause),
    [['P', 2, 'fix the Domain'], ['P', 1, 'fix the key']],
  );
});

const keyCases: [string, number, string][] = [
  ['tcr-ab12cd34/payments', 30, 'tcr-ab12cd34/payments'],
  ['tcr-ab12cd34/data.warehouse', 24, 'tcr-…cd34/data.warehouse'],
  ['tcr-ab12cd34/recommendations', 24, '…cd34/recommendations'],
  ['tcr-ab12cd34/a-rather-long-namespace-name', 24, 'tcr-ab12cd34…espace-name'],
];
for (const [key, room, want] of keyCases) {
  test(`abbreviateKey(${key}, ${room})`, (t) => {
    t.is(abbreviateKey(key, room, '…'), want);
    t.true(want.length <= room);
  });
}

test('abbreviateMiddle keeps both ends', (t) => {
  t.is(abbreviateMiddle('0123456789abcdef', 9, '…', 4), '0123…cdef');
  t.is(abbreviateMiddle('short', 9, '…'), 'short');
});

test('rows never sent: one line per cause, lines as ranges', (t) => {
  t.is(lineRanges([5, 2, 3, 4, 9, 11, 12]), '2-5, 9, 11-12');
  const row = (line: number, ErrorCode = '', ErrorMessage = '') =>
    ({ line, status: 'not-sent', ErrorCode, ErrorMessage }) as Parameters<typeof notSentLines>[0][number];
  t.deepEqual(notSentLines([row(2), row(3), row(7)]), ['not-sent 3 rows (lines 2-3, 7): the run stopped before sending them']);
  t.deepEqual(notSentLines([row(4, 'AuthFailure.SecretIdNotFound', 'unknown id')]), ['not-sent 1 row (line 4): AuthFailure.SecretIdNotFound: unknown id']);
  t.deepEqual(notSentLines([row(2, 'X', 'y'), row(3, 'X', 'y')], 'the preflight failed, see above'), ['not-sent 2 rows (lines 2-3): the preflight failed, see above']);
});

test('after a live batch that created policies: the images already there are not signed yet, and the exact sign-images command', async (t) => {
  const { signImagesCommand } = await import('../src/commands/closing-block.js');
  const context = { endpoint: ['http://127.0.0.1:9500'], profile: 'prod', region: 'ap-guangzhou' };
  t.is(signImagesCommand('my results.csv', context), "tcr-sigpolicy sign-images --from 'my results.csv' --endpoint http://127.0.0.1:9500 --profile prod", 'no --region: the registries come from the file');
  const counts = { ...emptyCounts(), created: 3 };
  const lines = nextSteps({ counts, interrupted: false, journal: 'j.jsonl', results: 'r.csv', signImages: (file) => signImagesCommand(file, context) });
  t.true(lines.includes('Images already in 3 namespaces are not signed yet: a policy signs only what is pushed after it.'));
  t.true(lines.some((l) => l.startsWith('Sign them: tcr-sigpolicy sign-images --from r.csv ')));
  t.false(nextSteps({ counts: emptyCounts(), interrupted: false, journal: 'j.jsonl', signImages: () => 'x' }).some((l) => l.startsWith('Sign them')), 'nothing created: nothing to say');
});

test('the closing block after a full disk: an incomplete journal is named so, resumed from only when no export holds every row; a failed --out is left out', (t) => {
  const counts = { ...emptyCounts(), created: 3, 'not-sent': 2 };
  const resume = (file: string): string => `tcr-sigpolicy batch p.csv --resume ${file}`;
  const exported = nextSteps({ counts, interrupted: false, journal: 'j.jsonl', journalFailed: true, results: 'r.csv', resume });
  t.true(exported.includes('Journal:   j.jsonl (incomplete: writing it failed; every request sent has its line there)'));
  t.true(exported.includes('Resume:    tcr-sigpolicy batch p.csv --resume r.csv'), exported.join('\n'));
  const nothingExported = nextSteps({ counts, interrupted: false, journal: 'j.jsonl', journalFailed: true, outFailed: 'full/r.csv', resume });
  t.true(nothingExported.includes('Resume:    tcr-sigpolicy batch p.csv --resume j.jsonl'));
  t.true(nothingExported.some((l) => l.includes('--out is left out: full/r.csv could not be written')));
  t.false(nextSteps({ counts, interrupted: false, resume }).some((l) => l.startsWith('Resume:')), 'no file, no resume line');
});

test('the wizard\'s resume and rollback lines repeat two REGION=URL endpoints one flag each (not the joined description)', async (t) => {
  const { closingBlock } = await import('../src/commands/closing-block.js');
  const { runContext } = await import('../src/cli/run-context.js');
  const { parseEndpoints } = await import('../src/core/endpoint.js');
  const { identityOf, resultOf } = await import('../src/core/result.js');
  const endpoint = parseEndpoints(['ap-guangzhou=http://127.0.0.1:9500', 'ap-shanghai=http://127.0.0.1:9600']);
  const row = { line: 2, region: 'ap-guangzhou', request: { RegistryId: 'tcr-1', NamespaceName: 'ns', Name: 'n', KmsId: 'k', KmsRegion: '' } };
  const results = [resultOf(identityOf(row), 'created'), resultOf(identityOf({ ...row, line: 3 }), 'not-sent')];
  const block = closingBlock({ results, interrupted: true, journal: 'j.jsonl', rerun: ['batch', 'p.csv'], context: runContext({ endpoint, region: 'ap-guangzhou' }, {}) });
  const both = '--endpoint ap-guangzhou=http://127.0.0.1:9500 --endpoint ap-shanghai=http://127.0.0.1:9600';
  t.true(block.includes(`Resume:    tcr-sigpolicy batch p.csv --resume j.jsonl ${both} --region ap-guangzhou\n`), block);
  t.true(block.includes(`Roll back: tcr-sigpolicy rollback j.jsonl ${both}   (deletes the 1 created)`), `rollback takes no --region:\n${block}`);
});
