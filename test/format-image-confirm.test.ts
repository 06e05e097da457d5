// ui/format-image-plan.ts formatImageConfirm: the question a live sign-images run asks, in both catalogues.
import test from 'ava';
import type { TagItem } from '../src/core/tag-item.js';
import { useLanguage } from '../src/i18n/messages.js';
import { formatImageConfirm } from '../src/ui/format-image-plan.js';

const ROLE = 'qcs::cam::uin/100000000002:roleName/tcr-signer';
const tag = (n: number, registry: string, roleArn?: string): TagItem => ({
  line: n, Region: n % 2 ? 'ap-guangzhou' : 'ap-shanghai', RegistryId: registry, NamespaceName: 'apps',
  RepositoryName: 'web', ImageVersion: `v${n}`, Digest: `sha256:${n}`, ...(roleArn ? { RoleArn: roleArn } : {}),
});
const send = { endpoint: 'http://127.0.0.1:9500', rate: 20 };
const twoAccounts = [...Array.from({ length: 80 }, (_, i) => tag(i, i < 40 ? 'tcr-a' : 'tcr-b')), ...Array.from({ length: 40 }, (_, i) => tag(80 + i, 'tcr-c', ROLE))];

test.afterEach.always(() => useLanguage('en'));

test.serial('tags in more than one account: the question names how many accounts and which', (t) => {
  t.is(
    formatImageConfirm(twoAccounts, send),
    `Sign 120 tags in 3 registries (2 accounts: base credentials, ${ROLE}) in ap-guangzhou, ap-shanghai via http://127.0.0.1:9500? Signatures cannot be deleted. At 20/s this takes about 6s.`,
  );
});

test.serial('one account (the base credentials, or a single role): no account is named', (t) => {
  for (const tags of [twoAccounts.slice(0, 80), twoAccounts.slice(80)]) {
    const question = formatImageConfirm(tags, send);
    t.regex(question, /^Sign \d+ tags in \d registr(y|ies) \(ap-guangzhou, ap-shanghai\) via /);
    t.notRegex(question, /account|roleName/);
  }
});

test.serial('zh-CN: the accounts are named in the question too', async (t) => {
  await useLanguage('zh-CN');
  const question = formatImageConfirm(twoAccounts, send);
  t.true(question.includes(`2 个账号：基础凭证, ${ROLE}`), question);
  t.true(question.includes('3 个实例'), question);
});
