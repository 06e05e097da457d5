import { t } from '../i18n/messages.js';

/** Region ids the TCR API documents for CreateSignaturePolicy. */
export const REGIONS: readonly string[] = [
  'ap-bangkok', 'ap-beijing', 'ap-chengdu', 'ap-chongqing', 'ap-guangzhou', 'ap-hongkong', 'ap-jakarta',
  'ap-mumbai', 'ap-nanjing', 'ap-seoul', 'ap-shanghai', 'ap-shanghai-fsi', 'ap-shenzhen-fsi', 'ap-singapore',
  'ap-tokyo', 'eu-frankfurt', 'na-ashburn', 'na-siliconvalley', 'sa-saopaulo',
];

const known = new Set(REGIONS);

export function isKnownRegion(region: string): boolean {
  return known.has(region);
}

export function unknownRegionMessage(): string {
  return t('field.unknownRegion', { regions: REGIONS.join(', ') });
}
