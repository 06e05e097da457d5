import test from 'ava';
import {
  checkDomain, checkKmsId, checkNamespace, checkPolicyNameStyle, checkRegion, checkRegistryId, parseDisabled,
  type FieldRule,
} from '../src/core/field-rules.js';
import { REGIONS } from '../src/core/regions.js';

/** Each rule with values it must accept and values it must refuse (and a word the refusal must contain). */
const table: readonly { name: string; rule: FieldRule; ok: readonly string[]; bad: readonly (readonly [string, RegExp])[] }[] = [
  {
    name: 'RegistryId',
    rule: checkRegistryId,
    ok: ['tcr-f7g1ir99', 'tcr-ab12cd34', 'tcr-0'],
    bad: [
      ['TCR-f7g1ir99', /'tcr-'/],
      ['tcr-F7G1IR99', /lowercase/],
      ['f7g1ir99', /'tcr-'/],
      ['tcr-', /'tcr-'/],
      ['tcr-ab_12', /letters and digits/],
      ['tcr-ab12 ', /tcr-f7g1ir99/],
      ['', /instance id/],
    ],
  },
  {
    name: 'NamespaceName',
    rule: checkNamespace,
    ok: ['ab', 'library', 'team-a', 'team.a', 'team_a', 'a1-b2.c3_d4', '0x', 'a'.repeat(30)],
    bad: [
      ['a', /2-30 characters \(this has 1\)/],
      ['a'.repeat(31), /2-30 characters \(this has 31\)/],
      ['Team_A', /lowercase letters/],
      ['team a', /lowercase letters/],
      ['team/a', /lowercase letters/],
      ['-team', /start and end with a letter or digit/],
      ['team-', /start and end/],
      ['.team', /start and end/],
      ['team__a', /no two of/],
      ['team-.a', /no two of/],
    ],
  },
  {
    name: 'KmsId',
    rule: checkKmsId,
    ok: ['08408a30-0416-11ed-abdc-52540036b432', '08408A30-0416-11ED-ABDC-52540036B432'],
    bad: [
      ['not-a-key', /UUID/],
      ['08408a30041611edabdc52540036b432', /UUID/],
      ['08408a30-0416-11ed-abdc-52540036b43', /UUID/],
      ['08408a30-0416-11ed-abdc-52540036b432x', /UUID/],
      ['g8408a30-0416-11ed-abdc-52540036b432', /UUID/],
      ['{08408a30-0416-11ed-abdc-52540036b432}', /UUID/],
    ],
  },
  {
    name: 'Domain',
    rule: checkDomain,
    ok: ['images.example.com', 'Images.Example.COM', 'a.b', 'my-registry.tencentcloudcr.com', `${'a'.repeat(63)}.com`, `${'abcdefghi.'.repeat(25)}com`],
    bad: [
      ['https://images.example.com', /no scheme, port or path/],
      ['images.example.com:443', /no scheme, port or path/],
      ['images.example.com/v2', /no scheme, port or path/],
      ['localhost', /host name/],
      ['-images.example.com', /host name/],
      ['images-.example.com', /host name/],
      ['images..example.com', /host name/],
      ['images.example.com.', /host name/],
      ['images_1.example.com', /host name/],
      [`${'a'.repeat(64)}.com`, /host name/],
      [`${'abcdefghi.'.repeat(26)}com`, /host name/], // 263 characters: over the 253 DNS allows
    ],
  },
  {
    name: 'Region',
    rule: checkRegion,
    ok: ['ap-guangzhou', 'ap-shanghai', 'na-siliconvalley', 'eu-frankfurt'],
    bad: [
      ['mars-north-1', /unknown region; use one of ap-bangkok, .*sa-saopaulo/],
      ['AP-GUANGZHOU', /unknown region/],
      ['guangzhou', /unknown region/],
      ['us-east-1', /unknown region/],
    ],
  },
];

for (const { name, rule, ok, bad } of table) {
  for (const value of ok) {
    test(`${name} accepts ${JSON.stringify(value)}`, (t) => {
      t.is(rule(value), undefined);
    });
  }
  for (const [value, why] of bad) {
    test(`${name} refuses ${JSON.stringify(value)}`, (t) => {
      const message = rule(value);
      t.truthy(message, 'a refusal must say why');
      t.regex(message ?? '', why);
    });
  }
}

test('every documented region is accepted', (t) => {
  t.true(REGIONS.length > 10);
  for (const region of REGIONS) t.is(checkRegion(region), undefined, region);
});

const consoleNames: readonly (readonly [string, boolean])[] = [
  ['library-signing', true],
  ['team.a/signing_v2', true],
  ['ab', true],
  ['a'.repeat(50), true],
  ['a', false],
  ['a'.repeat(51), false],
  ['library signing', false], // the API's own example: allowed, but only with a warning
  ['Library-Signing', false],
  ['=cmd', false],
  ['signing!', false],
];

for (const [name, fitsConsole] of consoleNames) {
  test(`policy name ${JSON.stringify(name)} ${fitsConsole ? 'fits' : 'breaks'} the console rule`, (t) => {
    const why = checkPolicyNameStyle(name);
    if (fitsConsole) t.is(why, undefined);
    else t.regex(why ?? '', /outside the console rule.*the API accepts it/);
  });
}

const disabledWords: readonly (readonly [string, boolean | undefined])[] = [
  ['true', true], ['TRUE', true], ['True', true], ['yes', true], ['YES', true], ['Yes', true], ['1', true],
  ['false', false], ['FALSE', false], ['False', false], ['no', false], ['NO', false], ['No', false], ['0', false],
  ['', undefined],
];

for (const [word, value] of disabledWords) {
  test(`Disabled ${JSON.stringify(word)} means ${String(value)}`, (t) => {
    t.deepEqual(parseDisabled(word), value === undefined ? {} : { value });
  });
}

for (const word of ['maybe', 'y', 'n', 'on', 'off', '2', 'tru', 'disabled']) {
  test(`Disabled ${JSON.stringify(word)} is refused`, (t) => {
    const parsed = parseDisabled(word);
    t.is(parsed.value, undefined);
    t.regex(parsed.error ?? '', /true\/false, yes\/no or 1\/0/);
  });
}
