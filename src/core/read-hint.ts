import type { FailedOutcome } from './api-outcome.js';
import { classifyFailure } from './classify-error.js';
import { hintFor } from './error-hints.js';
import { t } from '../i18n/messages.js';

/**
 * What to do about a failed read (the preflight, discover, status); `skippable` when the command can
 * do without it (--no-preflight). Credentials get the same line as a failed request (error-hints.ts).
 */
export function readHint(failure: Pick<FailedOutcome, 'code' | 'httpStatus'>, skippable: boolean, action?: string): string {
  const orSkip = skippable ? t('preflight.orSkip') : '';
  if (failure.code.startsWith('AuthFailure')) return hintFor('AuthFailure') as string;
  // Sending without the plan would meet the same network: no --no-preflight here.
  const kind = classifyFailure(failure);
  if (kind === 'refused') return t('preflight.refused');
  if (kind === 'unreachable') return hintFor(failure.code) as string;
  if (kind === 'unknown') return t('preflight.unknown');
  if (kind === 'throttled') return t('preflight.throttled');
  // The image listing's reads have their own permissions (sign-images, status --images).
  if (action === 'DescribeRepositories' || action === 'DescribeImages') return t('preflight.imagePermissions');
  return t('preflight.permissions', { orSkip });
}
