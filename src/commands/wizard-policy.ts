import type { Endpoints } from '../core/endpoint.js';
import { checkDomain, checkField, checkKmsId, checkNamespace, checkPolicyNameStyle, checkRegion, checkRegistryId, type FieldRule } from '../core/field-rules.js';
import { runContext } from '../cli/run-context.js';
import {
  createCommandLine, defaultPolicyName, withNamespace, withRegion, type PolicyAnswers,
} from '../core/policy-answers.js';
import { REGIONS } from '../core/regions.js';
import { previewRequest } from '../core/request-preview.js';
import type { TcrApi } from '../core/tcr-api.js';
import { validateRow } from '../core/validate-row.js';
import { formatProblem } from '../core/problem.js';
import { listNamespaces, listRegistries, listSigningKeys, type LookupFailure, type OnLookupFailure } from '../services/lookup-choices.js';
import { credentialsRefused, isCredentialRefusal } from '../core/error-hints.js';
import { askConfirm, askPick, askSelect, askText } from '../ui/prompts.js';
import { formatReview } from '../ui/wizard-text.js';
import type { Step } from './wizard-steps.js';
import { t } from '../i18n/messages.js';

/** What the one-policy questions need besides the answers. */
export interface PolicyContext {
  /** For the lists; undefined without credentials at hand (every value is typed then). */
  readonly api?: TcrApi;
  readonly endpoint: Endpoints;
  readonly profile?: string;
  /** The account the lists are read in and the policy is created in; every command printed carries it. */
  readonly roleArn?: string;
  readonly defaultRegion?: string;
  /** Answers given as flags: those questions are not asked. */
  readonly given: PolicyAnswers;
  readonly err: NodeJS.WritableStream;
  readonly out: NodeJS.WritableStream;
  /** Sends the policy the answers describe (sendOnePolicy with the command's flags) and returns the exit code. */
  readonly send: (answers: PolicyAnswers) => Promise<number>;
}

export interface PolicyState {
  readonly answers: PolicyAnswers;
  readonly code?: number;
}

/** A typed value must be there and pass the rule the CSV intake applies to the same column. */
export const required = (rule: FieldRule): FieldRule => (v) => (v === '' ? t('field.required') : (checkField(v) ?? rule(v)));
export const optional = (rule: FieldRule): FieldRule => (v) => (v === '' ? undefined : (checkField(v) ?? rule(v)));
const anyName: FieldRule = () => undefined;

/** A flag's answer counts only when it passes its rule; a bad one is asked again, with the flag's value to fix. */
const givenOk = (value: string | undefined, rule: FieldRule): boolean => value !== undefined && rule(value) === undefined;

export function policySteps(ctx: PolicyContext): Step<PolicyState>[] {
  const { given } = ctx;
  const cache = new Map<string, Promise<unknown>>();
  const lookup = <T>(key: string, what: string, fetch: (api: TcrApi, report: OnLookupFailure) => Promise<T | undefined>): Promise<T | undefined> => {
    const api = ctx.api;
    if (!api) return Promise.resolve(undefined);
    let found = cache.get(key) as Promise<T | undefined> | undefined;
    if (!found) {
      ctx.err.write(`${t('wiz.lookingUp', { what })}\n`);
      let why: LookupFailure | undefined;
      found = fetch(api, (failure) => (why ??= failure)).then((list) => {
        // Refused credentials would refuse every later call too: stop now, before any value is typed.
        if (why && isCredentialRefusal(why.code)) throw credentialsRefused(why, ctx.endpoint.url);
        if (list === undefined) ctx.err.write(`${t('wiz.couldNotList', { what, why: why ? t('wiz.why', { code: why.code, message: why.message }) : '' })}\n`);
        return list;
      });
      cache.set(key, found);
    }
    return found;
  };
  const set = (s: PolicyState, answers: PolicyAnswers): PolicyState => ({ ...s, answers });

  return [
    {
      skip: () => givenOk(given.region, checkRegion),
      run: async (s) => {
        const initial = s.answers.region ?? ctx.defaultRegion;
        const region = await askSelect(t('wiz.regionOfRegistry'), REGIONS.map((r) => ({ name: r, message: r })), initial, '--region');
        return set(s, withRegion(s.answers, region));
      },
    },
    {
      skip: () => givenOk(given.registryId, checkRegistryId),
      run: async (s) => {
        const region = s.answers.region ?? '';
        const list = await lookup(`registries/${region}`, t('wiz.registriesIn', { region }), (api, report) => listRegistries(api, region, report));
        if (list?.length === 0) ctx.err.write(`${t('wiz.noRegistries', { region })}\n`);
        const items = list?.map((r) => ({
          name: r.id,
          message: `${r.id}  ${r.name}`,
          hint: [r.type, r.status].filter(Boolean).join(', '),
          // Only a running instance takes a policy; the others show why they cannot be picked.
          disabled: r.status !== '' && r.status !== 'Running',
        }));
        const registryId = await askPick(t('wiz.registry'), items, { message: t('wiz.registryId'), check: required(checkRegistryId), initial: s.answers.registryId, flag: '--registry-id' });
        return set(s, { ...s.answers, registryId });
      },
    },
    {
      skip: () => givenOk(given.namespace, checkNamespace),
      run: async (s) => {
        const { region = '', registryId = '' } = s.answers;
        const list = await lookup(`namespaces/${region}/${registryId}`, t('wiz.namespacesOf', { registry: registryId }), (api, report) => listNamespaces(api, registryId, region, report));
        if (list?.length === 0) ctx.err.write(`${t('wiz.noNamespaces', { registry: registryId })}\n`);
        const items = list?.map((n) => ({ name: n.name, message: n.name, hint: n.signing ? t('wiz.alreadySigns') : undefined, disabled: n.signing }));
        const namespace = await askPick(t('wiz.namespaceToSign'), items, { message: t('wiz.namespace'), check: required(checkNamespace), initial: s.answers.namespace, flag: '--namespace' });
        return set(s, withNamespace(s.answers, namespace));
      },
    },
    {
      skip: () => givenOk(given.name, required(anyName)),
      run: async (s) => {
        const initial = s.answers.name ?? defaultPolicyName(s.answers.namespace ?? '');
        const name = await askText(t('wiz.policyName'), { initial, check: required(anyName), flag: '--name' });
        const style = checkPolicyNameStyle(name);
        if (style) ctx.err.write(`${t('wiz.nameWarning', { name, why: style })}\n`);
        return set(s, { ...s.answers, name });
      },
    },
    {
      skip: () => givenOk(given.kmsRegion, optional(checkRegion)),
      run: async (s) => {
        const initial = s.answers.kmsRegion ?? s.answers.region;
        const kmsRegion = await askSelect(t('wiz.regionOfKey'), REGIONS.map((r) => ({ name: r, message: r, hint: r === s.answers.region ? t('wiz.theRegistryRegion') : undefined })), initial, '--kms-region');
        return set(s, { ...s.answers, kmsRegion });
      },
    },
    {
      skip: () => givenOk(given.kmsId, checkKmsId),
      run: async (s) => {
        const kmsRegion = s.answers.kmsRegion || s.answers.region || '';
        const list = await lookup(`keys/${kmsRegion}`, t('wiz.keysIn', { region: kmsRegion }), (api, report) => listSigningKeys(api, kmsRegion, report));
        if (list?.length === 0) ctx.err.write(`${t('wiz.noKeys', { region: kmsRegion })}\n`);
        const items = list?.map((k) => ({ name: k.id, message: k.alias || k.id, hint: k.alias ? k.id : undefined }));
        const kmsId = await askPick(t('wiz.kmsKey'), items, { message: t('wiz.kmsKeyId'), check: required(checkKmsId), initial: s.answers.kmsId, flag: '--kms-id' });
        return set(s, { ...s.answers, kmsId });
      },
    },
    {
      skip: () => givenOk(given.domain, optional(checkDomain)),
      run: async (s) => {
        const domain = await askText(t('wiz.domain'), { initial: s.answers.domain ?? '', check: optional(checkDomain), flag: '--domain' });
        return set(s, { ...s.answers, domain });
      },
    },
    {
      skip: () => given.disabled === true,
      run: async (s) => set(s, { ...s.answers, disabled: await askConfirm(t('wiz.disabled'), s.answers.disabled ?? false, '--disabled') }),
    },
    {
      run: async (s) => {
        showReview(ctx, s.answers);
        return { ...s, code: await ctx.send(s.answers) };
      },
    },
  ];
}

/** The request exactly as it would be sent, and the command line that sends it without questions. */
function showReview(ctx: PolicyContext, answers: PolicyAnswers): void {
  const { region = '' } = answers;
  const cells = {
    RegistryId: answers.registryId, NamespaceName: answers.namespace, Name: answers.name, KmsId: answers.kmsId,
    KmsRegion: answers.kmsRegion, Domain: answers.domain, Disabled: answers.disabled ? 'true' : '',
  };
  const { row, problems } = validateRow(0, cells, { region });
  if (!row) {
    // Only reachable through a flag the questions did not re-check; create reports it in full.
    problems.forEach((p) => ctx.err.write(`${formatProblem(p)}\n`));
    return;
  }
  const commandLine = createCommandLine(answers, runContext(ctx));
  ctx.out.write(formatReview(previewRequest(row, ctx.endpoint.forRegion(row.region).url), commandLine));
}
