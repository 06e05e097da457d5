import test from 'ava';
import { contextFor, runContext } from '../src/cli/run-context.js';
import { commandLine } from '../src/core/command-line.js';
import type { PolicyRow } from '../src/core/policy-row.js';
import { applyPlan, failedPlan, mergePlans } from '../src/core/plan-summary.js';
import { identityOf, resultColumns, resultOf } from '../src/core/result.js';
import { byAccount } from '../src/core/role-arn.js';
import { validateRow } from '../src/core/validate-row.js';

const ROLE = 'qcs::cam::uin/200000000002:roleName/tcr-signer';
const OTHER = 'qcs::cam::uin/300000000003:roleName/tcr-signer';
const cells = { RegistryId: 'tcr-ab12cd34', NamespaceName: 'payments', Name: 'payments-signing', KmsId: '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3', KmsRegion: 'ap-guangzhou', Region: 'ap-guangzhou' };

test('a RoleArn cell gives the row its account; an empty one takes --role-arn; none is the base credentials', (t) => {
  t.is(validateRow(2, { ...cells, RoleArn: ROLE }, {}).row?.roleArn, ROLE);
  t.is(validateRow(2, { ...cells, RoleArn: '' }, { roleArn: OTHER }).row?.roleArn, OTHER);
  t.is(validateRow(2, { ...cells, RoleArn: ROLE }, { roleArn: OTHER }).row?.roleArn, ROLE);
  t.false('roleArn' in (validateRow(2, cells, {}).row ?? {}));
});

test('a RoleArn cell that is not a CAM role ARN is an error of that column', (t) => {
  const { row, problems } = validateRow(7, { ...cells, RoleArn: 'tcr-signer' }, {});
  t.is(row, undefined);
  t.like(problems[0], { line: 7, column: 'RoleArn', value: 'tcr-signer', severity: 'error' });
});

const row = (line: number, roleArn?: string): PolicyRow => ({
  line, region: 'ap-guangzhou', request: { RegistryId: 'tcr-abc', NamespaceName: `ns${line}`, Name: 'p', KmsId: 'k', KmsRegion: '' }, ...(roleArn ? { roleArn } : {}),
});

test('results carry RoleArn, and the export puts it after Region only when a row has one', (t) => {
  const withRole = resultOf(identityOf(row(2, ROLE)), 'created');
  const base = resultOf(identityOf(row(3)), 'created');
  t.is(withRole.RoleArn, ROLE);
  t.false('RoleArn' in base);
  t.deepEqual(resultColumns([base]).slice(0, 3), ['line', 'Region', 'RegistryId']);
  t.deepEqual(resultColumns([base, withRole]).slice(0, 3), ['line', 'Region', 'RoleArn']);
});

test('rows group by account in order of first appearance', (t) => {
  const groups = byAccount([row(2, ROLE), row(3), row(4, ROLE), row(5, OTHER)]);
  t.deepEqual(groups.map(([arn, rows]) => [arn, rows.map((r) => r.line)]), [[ROLE, [2, 4]], [undefined, [3]], [OTHER, [5]]]);
});

test('merged plans: an account whose reads failed settles its rows not-sent, the others are sent; all failing fails the plan', (t) => {
  const ok = applyPlan([{ row: row(3), verdict: 'create' }, { row: row(5), verdict: 'create' }], { DescribeInstances: 1 });
  const failed = failedPlan([row(4, ROLE)], { code: 'InternalError.GetRoleError', message: 'role not exist' }, { DescribeInstances: 0 });
  const merged = mergePlans([ok, failed]);
  t.deepEqual(merged.toSend.map((r) => r.line), [3, 5]);
  t.like(merged.settled[0], { line: 4, status: 'not-sent', ErrorCode: 'InternalError.GetRoleError' });
  t.is(merged.summary.failure, undefined);
  t.like(mergePlans([failed, failed]).summary.failure, { code: 'InternalError.GetRoleError' });
});

test('the commands a run prints (resume, roll back) repeat its --role-arn', (t) => {
  const context = runContext({ roleArn: ROLE }, {});
  t.is(commandLine(['rollback', 'results.csv'], contextFor('rollback', context)), `tcr-sigpolicy rollback results.csv --role-arn ${ROLE}`);
  t.is(commandLine(['batch', 'p.csv', '--resume', 'r.csv'], contextFor('batch', context)), `tcr-sigpolicy batch p.csv --resume r.csv --role-arn ${ROLE}`);
  t.is(commandLine(['rollback', 'results.csv'], contextFor('rollback', runContext({}, {}))), 'tcr-sigpolicy rollback results.csv');
});
