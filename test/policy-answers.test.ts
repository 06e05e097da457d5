// The wizard's answers as data: the command line it prints, defaults that follow, the flags create reads.
import test from 'ava';
import {
  CREATE_FLAGS, createCommandLine, defaultPolicyName, flagsToAnswers, withNamespace, withRegion, type PolicyAnswers,
} from '../src/core/policy-answers.js';

const ANSWERS: PolicyAnswers = {
  region: 'ap-guangzhou', registryId: 'tcr-ab12cd34', namespace: 'ledger', name: 'ledger-signing',
  kmsRegion: 'ap-guangzhou', kmsId: '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3', domain: '', disabled: false,
};

test('the command line names every answer, then --region and --yes; the public endpoint is left out', (t) => {
  t.is(
    createCommandLine(ANSWERS, { endpoint: 'https://tcr.tencentcloudapi.com' }),
    'tcr-sigpolicy create --registry-id tcr-ab12cd34 --namespace ledger --name ledger-signing ' +
      '--kms-id 6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3 --kms-region ap-guangzhou --yes --region ap-guangzhou',
  );
});

test('the command line carries a domain, --disabled, another endpoint, a profile, and quotes what needs it', (t) => {
  const line = createCommandLine(
    { ...ANSWERS, name: 'library signing', domain: 'images.example.com', disabled: true, kmsRegion: '' },
    { endpoint: 'http://127.0.0.1:9500', profile: 'prod' },
  );
  t.is(
    line,
    "tcr-sigpolicy create --registry-id tcr-ab12cd34 --namespace ledger --name 'library signing' " +
      "--kms-id 6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3 --kms-region '' --domain images.example.com --disabled " +
      '--yes --endpoint http://127.0.0.1:9500 --profile prod --region ap-guangzhou',
  );
});

test('the policy name defaults to {namespace}-signing and follows a changed namespace until it is typed', (t) => {
  t.is(defaultPolicyName('ledger'), 'ledger-signing');
  const followed = withNamespace(ANSWERS, 'risk');
  t.is(followed.namespace, 'risk');
  t.is(followed.name, undefined, 'asked again with the new default');
  const typed = withNamespace({ ...ANSWERS, name: 'team-key' }, 'risk');
  t.is(typed.name, 'team-key');
});

test('the KMS region follows the registry region unless it was chosen apart from it', (t) => {
  t.is(withRegion(ANSWERS, 'ap-shanghai').kmsRegion, undefined, 'asked again, defaulting to the new region');
  t.is(withRegion({ ...ANSWERS, kmsRegion: 'ap-beijing' }, 'ap-shanghai').kmsRegion, 'ap-beijing');
  t.is(withRegion({}, 'ap-shanghai').region, 'ap-shanghai');
});

test('every flag create reads is an answer, and flags given to create become answers', (t) => {
  for (const [flag, , key] of CREATE_FLAGS) t.is(flagsToAnswers({ [flag]: ' x ' })[key], 'x', `--${flag}`);
  t.deepEqual(flagsToAnswers({ namespace: ' ledger ', region: 'ap-guangzhou', disabled: true, yes: true }), {
    region: 'ap-guangzhou', registryId: undefined, namespace: 'ledger', name: undefined, kmsRegion: undefined,
    kmsId: undefined, domain: undefined, disabled: true,
  });
});
