/**
 * How fast a lane may send: its limit until the API says RequestLimitExceeded, then less, then back.
 * Multiplicative decrease (at most once per second, since the answers of one crowded second all say
 * the same), additive increase in two speeds: quickly back to just under the rate that was refused
 * (a random throttle costs a fraction of a second), then slowly past it (when another client shares
 * the budget, the lane settles just under what is left instead of hitting the wall every second).
 * Pure: the rate is a function of the time since the last cut, so there are no timers.
 */
export interface RateControl {
  /** Requests per second allowed at `now`. */
  rateAt(now: number): number;
  /** A throttled answer arrived at `now`; true when it cut the rate (false within a second of the last cut). */
  throttled(now: number): boolean;
}

/** The rate after a cut, as a share of the rate that was refused. */
export const CUT_FACTOR = 0.8;
/** Cuts closer together than this count as one. */
export const CUT_INTERVAL_MS = 1000;
/** Up to this share of the refused rate the lane climbs fast … */
export const FAST_UNTIL = 0.95;
/** … at this share of the limit per second, then at the slow share. */
export const FAST_CLIMB = 0.5;
export const SLOW_CLIMB = 0.025;

export function createRateControl(limit: number): RateControl {
  let cut: { at: number; floor: number; ceiling: number } | undefined;
  const rateAt = (now: number): number => {
    if (!cut) return limit;
    const seconds = Math.max(0, now - cut.at) / 1000;
    const knee = Math.max(cut.floor, cut.ceiling * FAST_UNTIL);
    const fastSeconds = (knee - cut.floor) / (limit * FAST_CLIMB);
    const rate = seconds <= fastSeconds
      ? cut.floor + limit * FAST_CLIMB * seconds
      : knee + limit * SLOW_CLIMB * (seconds - fastSeconds);
    return Math.min(limit, rate);
  };
  return {
    rateAt,
    throttled(now) {
      if (cut && now - cut.at < CUT_INTERVAL_MS) return false;
      const refused = rateAt(now);
      cut = { at: now, floor: Math.max(1, refused * CUT_FACTOR), ceiling: refused };
      return true;
    },
  };
}
