import test from 'ava';
import { planRow, keyFactId, type PreflightFacts } from '../src/core/plan-rows.js';
import { applyPlan } from '../src/core/plan-summary.js';
import type { PolicyRow } from '../src/core/policy-row.js';
import { useLanguage } from '../src/i18n/messages.js';
import { formatPlan } from '../src/ui/format-plan.js';

const KEY = '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3';
const row = (line: number, NamespaceName: string): PolicyRow => ({
  line,
  region: 'ap-guangzhou',
  request: { RegistryId: 'tcr-gz01', Name: `${NamespaceName}-signing`, NamespaceName, KmsId: KEY, KmsRegion: '' },
});
const facts: PreflightFacts = {
  registries: new Map([['tcr-gz01', { region: 'ap-guangzhou', status: 'Running' }]]),
  namespaces: new Map([['tcr-gz01', { names: new Set(['payments', 'catalog']), signing: new Set(['catalog']) }]]),
  keys: new Map([[keyFactId(KEY, 'ap-guangzhou'), { state: 'Disabled', usage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }]]),
};
const planText = (): string => formatPlan(applyPlan([row(2, 'payments'), row(3, 'catalog'), row(12, 'ghost')].map((r) => planRow(r, facts)), { DescribeInstances: 1, DescribeNamespaces: 2, DescribeKeys: 1 }).summary);

// The language is per process: these tests set it, one after the other.
test.afterEach.always(() => useLanguage('en'));

test.serial('the plan in English', (t) => {
  t.is(
    planText(),
    'Plan (4 read calls): 0 to create, 1 to skip (already signing), 2 blocked.\n' +
      'Blocked (nothing is sent for these; fix them and run again):\n' +
      `  line  2  ap-guangzhou tcr-gz01/payments  Blocked.KeyNotEnabled: KMS key ${KEY} is Disabled; a signing key must be Enabled\n` +
      `  line 12  ap-guangzhou tcr-gz01/ghost     Blocked.NamespaceNotFound: namespace ghost does not exist in registry tcr-gz01; KMS key ${KEY} is Disabled; a signing key must be Enabled\n`,
  );
});

test.serial('the plan in Chinese: codes, ids and regions as they are, the words translated, the columns still aligned', async (t) => {
  await useLanguage('zh-CN');
  t.is(
    planText(),
    '计划（4 次读调用）：0 个待创建，1 个跳过（已在签名），2 个被拦下。\n' +
      '被拦下（这些行不会发送；修正后重新运行）：\n' +
      `  第  2 行  ap-guangzhou tcr-gz01/payments  Blocked.KeyNotEnabled：KMS 密钥 ${KEY} 的状态为 Disabled；签名密钥必须为 Enabled\n` +
      `  第 12 行  ap-guangzhou tcr-gz01/ghost     Blocked.NamespaceNotFound：实例 tcr-gz01 中不存在命名空间 ghost；KMS 密钥 ${KEY} 的状态为 Disabled；签名密钥必须为 Enabled\n`,
  );
});

test.serial('a failed preflight in Chinese says nothing is sent, with the hint for its code', async (t) => {
  await useLanguage('zh-CN');
  const text = formatPlan({ counts: { create: 0, skip: 0, blocked: 0 }, blocked: [], skipped: [], readCalls: {}, failure: { code: 'AuthFailure.SecretIdNotFound', message: 'DescribeInstances 失败' } });
  t.is(text, '预检失败，因此不发送任何请求：DescribeInstances 失败\n提示：SecretId 不存在：请检查 TENCENTCLOUD_SECRET_ID 或 --profile\n');
});
