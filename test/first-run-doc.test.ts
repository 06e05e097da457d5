// docs/first-run.md's CAM policy is held to the code: every API action the client calls (outside the
// emulator, which is a server of its own) must be in the policy's JSON and in its table, and nothing else.
import test from 'ava';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './helpers/run-cli.js';

const ACTION = /'((?:Describe|Create|Delete|List|Modify|Get|Assume)[A-Z]\w+)'/g;
const SERVICE_OF: Readonly<Record<string, string>> = { DescribeKeys: 'kms', ListKeyDetail: 'kms', AssumeRole: 'sts' };

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return relative(ROOT, path) === join('src', 'emulator') ? [] : sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

test('the one CAM policy in docs/first-run.md names exactly the actions the code calls', (t) => {
  const called = new Set(sources(join(ROOT, 'src')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(ACTION)].map((m) => m[1] ?? '')));
  const expected = [...called].map((action) => `${SERVICE_OF[action] ?? 'tcr'}:${action}`).sort();
  t.true(expected.includes('tcr:CreateSignaturePolicy') && expected.includes('kms:DescribeKeys'), expected.join(', '));
  const doc = readFileSync(join(ROOT, 'docs', 'first-run.md'), 'utf8');
  const json = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? '';
  const policy = JSON.parse(json) as { statement: { effect: string; action: string[] }[] };
  t.deepEqual(policy.statement.flatMap((s) => s.action).sort(), expected, 'the policy JSON');
  const table = [...doc.matchAll(/^\| `([a-z]+:\w+)` \|/gm)].map((m) => m[1]).sort();
  t.deepEqual(table, expected, 'the table of actions');
});
