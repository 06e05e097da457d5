import type { FaultOptions } from './types.js';

/** What the emulator does to one request besides answering it. */
export type FaultOutcome = 'none' | 'throttle' | 'http-503' | 'http-502' | 'dropped-before' | 'dropped-after';

export interface FaultDecision {
  readonly delayMs: number;
  readonly outcome: FaultOutcome;
}

/** mulberry32: tiny, fast, and the same sequence for the same seed on every platform. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Decides each faulted request's delay and fate from one seeded sequence. Every decision draws exactly
 * three numbers, so the n-th faulted request always gets the same fate for a given seed.
 */
export class FaultPlan {
  private readonly random: () => number;

  constructor(private readonly options: FaultOptions) {
    this.random = mulberry32(options.faultSeed ?? Math.floor(Math.random() * 2 ** 32));
  }

  /** Whether any switch is on at all (so the common case skips the draw). */
  get active(): boolean {
    const o = this.options;
    return (o.latencyMs ?? 0) + (o.jitterMs ?? 0) + (o.throttleRate ?? 0) + (o.errorRate ?? 0) + (o.dropRate ?? 0) > 0;
  }

  decide(): FaultDecision {
    const jitterDraw = this.random();
    const fateDraw = this.random();
    const halfDraw = this.random();
    const delayMs = (this.options.latencyMs ?? 0) + jitterDraw * (this.options.jitterMs ?? 0);
    const throttle = this.options.throttleRate ?? 0;
    const error = throttle + (this.options.errorRate ?? 0);
    const drop = error + (this.options.dropRate ?? 0);
    const before = halfDraw < 0.5;
    let outcome: FaultOutcome = 'none';
    if (fateDraw < throttle) outcome = 'throttle';
    else if (fateDraw < error) outcome = before ? 'http-503' : 'http-502';
    else if (fateDraw < drop) outcome = before ? 'dropped-before' : 'dropped-after';
    return { delayMs, outcome };
  }
}

/** Checks the fault switches; returns the problem in words, or undefined when they are usable. */
export function faultOptionsProblem(options: FaultOptions): string | undefined {
  for (const name of ['throttleRate', 'errorRate', 'dropRate'] as const) {
    const rate = options[name] ?? 0;
    if (!(rate >= 0 && rate <= 1)) return `${name} must be from 0 to 1 (got ${rate})`;
  }
  const total = (options.throttleRate ?? 0) + (options.errorRate ?? 0) + (options.dropRate ?? 0);
  if (total > 1 + 1e-9) return `throttleRate + errorRate + dropRate must not exceed 1 (got ${total})`;
  for (const name of ['latencyMs', 'jitterMs'] as const) {
    const ms = options[name] ?? 0;
    if (!(ms >= 0 && ms <= 600_000)) return `${name} must be from 0 to 600000 (got ${ms})`;
  }
  if (options.faultSeed !== undefined && !Number.isInteger(options.faultSeed)) {
    return `faultSeed must be an integer (got ${options.faultSeed})`;
  }
  return undefined;
}
