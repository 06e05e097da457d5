import test from 'ava';
import { planImages, type ListedTag } from '../src/core/plan-images.js';

const ROLE = 'qcs::cam::uin/200000000002:roleName/tcr-signer';
const tag = (over: Partial<ListedTag>): ListedTag => ({
  line: 1, Region: 'ap-guangzhou', RegistryId: 'tcr-teama001', NamespaceName: 'apps', RepositoryName: 'api', ImageVersion: 'v1', Digest: 'sha256:1', signed: false, ...over,
});

test('a tag of a role account keeps its account in the plan, and the create command its block names acts in that account', (t) => {
  const plan = planImages([tag({ RoleArn: ROLE }), tag({ RoleArn: ROLE, NamespaceName: 'bare', line: 2 }), tag({ RegistryId: 'tcr-base0001', NamespaceName: 'bare', line: 3 })], {
    hasPolicy: (_registry, namespace) => namespace === 'apps',
  });
  t.deepEqual(plan.toSign.map((x) => x.RoleArn), [ROLE]);
  const [roleBlocked, baseBlocked] = plan.settled;
  t.is(roleBlocked?.RoleArn, ROLE);
  t.true(roleBlocked?.ErrorMessage.endsWith(`--kms-region … --role-arn ${ROLE}`), roleBlocked?.ErrorMessage);
  t.is(baseBlocked?.RoleArn, undefined);
  t.true(baseBlocked?.ErrorMessage.endsWith('--kms-region …'), baseBlocked?.ErrorMessage);
});
