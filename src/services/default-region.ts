import { readTccliProfile } from './tccli-profile.js';

/**
 * The region for what names none (rows without a Region, the wizard's first default, discover):
 * the --region flag, then TENCENTCLOUD_REGION, then the tccli profile's region.
 */
export function defaultRegion(flag: string | undefined, profile: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return flag || env.TENCENTCLOUD_REGION || readTccliProfile(profile)?.region;
}
