import test from 'ava';
import { formatProblem, isError, type Problem } from '../src/core/problem.js';

const cases: readonly (readonly [string, Problem, string, string])[] = [
  [
    'a cell problem names file, line, column and value',
    { severity: 'error', line: 7, column: 'NamespaceName', value: 'Team_A', message: 'use lowercase letters, digits, . _ -' },
    'team.csv',
    "error: team.csv line 7, NamespaceName 'Team_A': use lowercase letters, digits, . _ -",
  ],
  [
    'a warning says warning',
    { severity: 'warning', line: 3, column: 'Name', value: 'library signing', message: 'outside the console rule' },
    'team.csv',
    "warning: team.csv line 3, Name 'library signing': outside the console rule",
  ],
  [
    'an empty value is left out, the column stays',
    { severity: 'error', line: 9, column: 'Name', value: '', message: 'required; fill it in' },
    'team.csv',
    'error: team.csv line 9, Name: required; fill it in',
  ],
  [
    'a problem with the whole row has no column',
    { severity: 'error', line: 3, message: '9 fields, but the header has 8 columns' },
    'team.csv',
    'error: team.csv line 3: 9 fields, but the header has 8 columns',
  ],
  [
    'line 0 means the whole file: no line number',
    { severity: 'error', line: 0, message: 'the file is empty' },
    'team.csv',
    'error: team.csv: the file is empty',
  ],
  [
    'without a source, the line still shows',
    { severity: 'error', line: 4, column: 'KmsId', value: 'x', message: 'use the KMS key id' },
    '',
    "error: line 4, KmsId 'x': use the KMS key id",
  ],
  [
    'without a source or a line, only the column and message',
    { severity: 'error', line: 0, column: 'KmsId', value: 'x', message: 'use the KMS key id' },
    '',
    "error: KmsId 'x': use the KMS key id",
  ],
  [
    'with nothing to place it, only the message',
    { severity: 'error', line: 0, message: 'the file is binary' },
    '',
    'error: the file is binary',
  ],
  [
    'line breaks and tabs in a value are shown escaped, keeping the message on one line',
    { severity: 'warning', line: 4, column: 'Name', value: 'tools\nsigning\r\tx', message: 'outside the console rule' },
    'standard input',
    "warning: standard input line 4, Name 'tools\\nsigning\\r\\tx': outside the console rule",
  ],
  [
    'other control characters are escaped too',
    { severity: 'error', line: 2, column: 'Name', value: 'a\u0000b\u001bc', message: 'bad' },
    'f.csv',
    "error: f.csv line 2, Name 'a\\u0000b\\u001bc': bad",
  ],
];

for (const [title, problem, source, expected] of cases) {
  test(title, (t) => {
    const text = formatProblem(problem, source);
    t.is(text, expected);
    t.false(text.includes('\n'));
  });
}

test('isError tells errors from warnings', (t) => {
  t.true(isError({ severity: 'error', line: 1, message: 'x' }));
  t.false(isError({ severity: 'warning', line: 1, message: 'x' }));
});
