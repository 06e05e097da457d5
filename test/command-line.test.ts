// The one builder of every command the tool prints: shell quoting, and the run's context repeated.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { commandLine, shellQuote } from '../src/core/command-line.js';

const quoting: readonly [string, string][] = [
  ['ledger-signing', 'ledger-signing'],
  ['ap-guangzhou', 'ap-guangzhou'],
  ['http://127.0.0.1:9500', 'http://127.0.0.1:9500'],
  ['library signing', "'library signing'"],
  ["it's", "'it'\\''s'"],
  ['', "''"],
  ['$HOME', "'$HOME'"],
  ['a;rm -rf /', "'a;rm -rf /'"],
  ['`x`', "'`x`'"],
  ['*', "'*'"],
];
for (const [word, quoted] of quoting) {
  test(`shellQuote ${JSON.stringify(word)} → ${quoted}`, (t) => {
    t.is(shellQuote(word), quoted);
  });
}

test('a quoted word comes back from a real shell unchanged', (t) => {
  const words = quoting.map(([w]) => w);
  const echoed = execFileSync('sh', ['-c', `printf '%s\\n' ${words.map(shellQuote).join(' ')}`], { encoding: 'utf8' });
  t.deepEqual(echoed.split('\n').slice(0, -1), words);
});

const REHEARSAL = { endpoint: ['http://127.0.0.1:9500'], profile: 'rehearsal', region: 'ap-guangzhou', lang: 'zh-CN' };

test('a printed command carries every flag of the run context, after the words', (t) => {
  t.is(
    commandLine(['rollback', 'results.csv'], REHEARSAL),
    'tcr-sigpolicy rollback results.csv --endpoint http://127.0.0.1:9500 --profile rehearsal --region ap-guangzhou --lang zh-CN',
  );
});

test('REGION=URL endpoints are repeated one flag each, and a {region} template is quoted for the shell', (t) => {
  const line = commandLine(['rollback', 'r.csv'], { endpoint: ['ap-guangzhou=http://127.0.0.1:9500', 'ap-shanghai=http://127.0.0.1:9600', 'https://tcr.{region}.tencentcloudapi.com'] });
  t.is(
    line,
    "tcr-sigpolicy rollback r.csv --endpoint ap-guangzhou=http://127.0.0.1:9500 --endpoint ap-shanghai=http://127.0.0.1:9600 --endpoint 'https://tcr.{region}.tencentcloudapi.com'",
  );
  // What a shell hands the CLI is exactly the endpoints the run was given.
  const argv = execFileSync('sh', ['-c', `printf '%s\\n' ${line.replace(/^tcr-sigpolicy /, '')}`], { encoding: 'utf8' }).split('\n').slice(0, -1);
  t.deepEqual(argv.filter((_, i) => argv[i - 1] === '--endpoint'), ['ap-guangzhou=http://127.0.0.1:9500', 'ap-shanghai=http://127.0.0.1:9600', 'https://tcr.{region}.tencentcloudapi.com']);
});

test('a flag the words already carry keeps the user\'s value; the public endpoint and empty values are left out', (t) => {
  t.is(commandLine(['batch', 'p.csv', '--region=ap-shanghai'], REHEARSAL), 'tcr-sigpolicy batch p.csv --region=ap-shanghai --endpoint http://127.0.0.1:9500 --profile rehearsal --lang zh-CN');
  t.is(commandLine(['status'], { endpoint: ['https://tcr.tencentcloudapi.com'], profile: '', region: undefined }), 'tcr-sigpolicy status');
});
