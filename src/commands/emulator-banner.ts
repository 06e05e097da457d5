import { STATE_PATH } from '../emulator/state-view.js';
import type { EmulatorOptions } from '../emulator/types.js';
import type { EmulatorCredential } from '../emulator/types.js';

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
    options.latencyMs ? `latency ${options.latencyMs} ms` : '',
    options.jitterMs ? `jitter ${options.jitterMs} ms` : '',
    options.effectOnArrival ? 'writes take effect on arrival' : '',
    options.throttleRate ? `throttle ${options.throttleRate}` : '',
    options.errorRate ? `HTTP 5xx ${options.errorRate}` : '',
    options.dropRate ? `drop ${options.dropRate}` : '',
  ].filter((p) => p !== '');
  if (parts.length === 0) return undefined;
  const seed = options.faultSeed === undefined ? '' : `, seed ${options.faultSeed}`;
  return `Faults: ${parts.join(', ')} on ${(options.faultActions ?? ['CreateSignaturePolicy', 'DeleteSignaturePolicy']).join(', ')}${seed}`;
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
      'From another terminal, with the demo pair (public: it opens nothing but this emulator):',
      `  export TENCENTCLOUD_SECRET_ID=${pair.secretId}`,
      `  export TENCENTCLOUD_SECRET_KEY=${pair.secretKey}`,
    );
  } else {
    lines.push(`From another terminal, with the same TENCENTCLOUD_SECRET_ID (${input.credentials.map((c) => c.secretId).join(', ')}) and key:`);
  }
  // The sample's rows name the bundled seed's registries; a seed of one's own answers none of them,
  // so the command offered there is one that works on any seed: what the emulator holds.
  const tryIt = options.seed === undefined ? `tcr-sigpolicy batch ${input.sample} --endpoint ${url} --dry-run` : `tcr-sigpolicy status --endpoint ${url}`;
  lines.push(`  ${tryIt}`, '', `State (read-only JSON): curl -s ${url}${STATE_PATH}`);
  const faults = describeFaults(options);
  if (faults) lines.push(faults);
  if (options.rateLimitAll !== undefined) lines.push(`Rate limit: every action at most ${options.rateLimitAll} requests/s per SecretId`);
  if (options.offsetCountsPages) lines.push('Paging: DescribeNamespaces counts Offset in pages');
  if (options.repositoryNames === 'bare') lines.push('Repositories: DescribeRepositories names them without their namespace');
  if (options.pagesFromZero) lines.push('Paging: DescribeRepositories and DescribeImages count pages from 0');
  lines.push('Stop with Ctrl-C.');
  return lines;
}
