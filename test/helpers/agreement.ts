// Compares what a batch recorded with what the emulator holds: every recorded status must agree with
// the API's state, and every policy the batch made must be recorded. Used by the e2e tests and the soak.
import type { EmulatorHandle } from '../../src/emulator/index.js';
import type { EmulatorSeed } from '../../src/emulator/seed-format.js';

interface Recorded {
  readonly line: number;
  readonly RegistryId: string;
  readonly NamespaceName: string;
  readonly status: string;
  readonly ErrorCode: string;
}

const keyOf = (r: { readonly RegistryId: string; readonly NamespaceName: string }): string => `${r.RegistryId}/${r.NamespaceName}`;

/**
 * Every way the results and the emulator part: a `created` row with no new policy or made more than
 * once, a `skipped` row whose namespace did not sign before, a failed or not-sent row whose namespace
 * got a policy, a new policy no row records as created. `OutcomeUnknown` claims neither, so it is
 * never a disagreement (tests that expect none say so).
 */
export function disagreements(emulator: EmulatorHandle, seed: EmulatorSeed, results: readonly Recorded[]): string[] {
  const seeded = new Set((seed.policies ?? []).map(keyOf));
  const now = new Set(emulator.state.policies().map(keyOf));
  const creates = emulator.state.successfulCreates();
  const found: string[] = [];
  const createdKeys = new Set<string>();
  for (const r of results) {
    const key = keyOf(r);
    const made = now.has(key) && !seeded.has(key);
    const where = `line ${r.line} ${key} recorded ${r.status}${r.ErrorCode ? ` ${r.ErrorCode}` : ''}`;
    if (r.status === 'created') {
      createdKeys.add(key);
      if (!made) found.push(`${where}, but the emulator holds no policy made by the batch`);
      else if ((creates[key] ?? 0) !== 1) found.push(`${where}, but the emulator created it ${creates[key] ?? 0} times`);
    } else if (r.status === 'skipped') {
      if (!seeded.has(key)) found.push(`${where}, but the namespace did not sign before the batch`);
    } else if (r.ErrorCode !== 'OutcomeUnknown' && made) {
      found.push(`${where}, but the emulator holds a policy the batch created`);
    }
  }
  for (const key of now) {
    if (!seeded.has(key) && !createdKeys.has(key) && !results.some((r) => keyOf(r) === key && r.ErrorCode === 'OutcomeUnknown')) {
      found.push(`${key}: a policy the batch made that no row records as created`);
    }
  }
  return found;
}

/** Namespaces created more than once. */
export function duplicateCreates(emulator: EmulatorHandle): string[] {
  return Object.entries(emulator.state.successfulCreates()).filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);
}
