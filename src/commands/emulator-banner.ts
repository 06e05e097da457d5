import { STATE_PATH } from '../emulator/state-view.js';
import type { EmulatorOptions } from '../emulator/types.js';
import type { EmulatorCredential } from '../emulator/types.js';
import { t } from '../i18n/messages.js';

export interface BannerInput {
  readonly url: string;
  /** Where the accepted pair came from; only the demo pair is ever printed (it is public). */
  readonly source: 'environment' | 'demo';
  readonly credentials: readonly EmulatorCredential[];
  /** The bundled sample as the user would type it. */
  readonly sample: string;
  readonly options: EmulatorOptions;
}

function describeFaults(options: EmulatorOptions): string | undefined {
  const parts = [
    options.latencyMs ? t('emulator.latency', { ms: options.latencyMs }) : '',
    options.jitterMs ? t('emulator.jitter', { ms: options.jitterMs }) : '',
    options.effectOnArrival ? t('emulator.effectOnArrival') : '',
    options.throttleRate ? t('emulator.throttle', { rate: options.throttleRate }) : '',
    options.errorRate ? t('emulator.errors', { rate: options.errorRate }) : '',
    options.dropRate ? t('emulator.drop', { rate: options.dropRate }) : '',
  ].filter((p) => p !== '');
  if (parts.length === 0) return undefined;
  const seed = options.faultSeed === undefined ? '' : t('emulator.faultSeed', { seed: options.faultSeed });
  const actions = (options.faultActions ?? ['CreateSignaturePolicy', 'DeleteSignaturePolicy']).join(', ');
  return t('emulator.faults', { faults: parts.join(t('emulator.listSeparator')), actions, seed });
}

/**
 * What start-up prints after the endpoint line: how to point the tool at it (the demo pair as
 * `export` lines, then a command that works against the bundled seed), the state view, the switches on.
 */
export function bannerLines(input: BannerInput): string[] {
  const { url, options } = input;
  const pair = input.credentials[0];
  const lines = [''];
  if (input.source === 'demo' && pair) {
    lines.push(
      t('emulator.withDemoPair'),
      `  export TENCENTCLOUD_SECRET_ID=${pair.secretId}`,
      `  export TENCENTCLOUD_SECRET_KEY=${pair.secretKey}`,
    );
  } else {
    lines.push(t('emulator.withOwnPair', { ids: input.credentials.map((c) => c.secretId).join(', ') }));
  }
  // The sample's rows name the bundled seed's registries; a seed of one's own answers none of them,
  // so the command offered there is one that works on any seed: what the emulator holds.
  const tryIt = options.seed === undefined ? `tcr-sigpolicy batch ${input.sample} --endpoint ${url} --dry-run` : `tcr-sigpolicy status --endpoint ${url}`;
  lines.push(`  ${tryIt}`, '', t('emulator.state', { command: `curl -s ${url}${STATE_PATH}` }));
  const faults = describeFaults(options);
  if (faults) lines.push(faults);
  if (options.rateLimitAll !== undefined) lines.push(t('emulator.rateLimitAll', { n: options.rateLimitAll }));
  if (options.offsetCountsPages) lines.push(t('emulator.offsetPages'));
  if (options.repositoryNames === 'bare') lines.push(t('emulator.bareRepositoryNames'));
  if (options.pagesFromZero) lines.push(t('emulator.pagesFromZero'));
  lines.push(t('emulator.stopWith'));
  return lines;
}
