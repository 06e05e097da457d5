/**
 * How fast a lane may send: its limit until the API says RequestLimitExceeded, then what it lets
 * through, then back up. Pure: time is passed in, the rate is a function of the time since the last cut.
 *
 * - A cut needs evidence: at least CUT_AFTER throttled answers, and CUT_SHARE of all answers, in the
 *   last two seconds. One stray refusal is retried, not a reason to slow everyone down.
 * - It goes to KEEP of the goodput (answers that got through in the last second): when another client
 *   spends part of the budget, that is what is left for us. Never below half the rate; once a second at most.
 * - It climbs back additively, faster the longer nothing is refused: a second or two after a cut it
 *   creeps (so a shared budget is probed rarely), a burst's cut is gone within seconds.
 */
export interface RateControl {
  /** Requests per second allowed at `now`. */
  rateAt(now: number): number;
  /** An answer arrived at `now`; true when it cut the rate. */
  answered(now: number, throttled: boolean): boolean;
}

export const CUT_AFTER = 3;
export const CUT_SHARE = 0.05;
export const KEEP = 0.95;
/** Cuts closer together than this count as one. */
export const CUT_INTERVAL_MS = 1000;
/** The climb after a cut, in shares of the limit: CLIMB per second plus ACCEL per second squared. */
export const CLIMB = 0.00625;
export const ACCEL = 0.0025;
const EVIDENCE_MS = 2000;
const GOODPUT_MS = 1000;

export function createRateControl(limit: number): RateControl {
  let cut: { at: number; floor: number } | undefined;
  let recent: { at: number; throttled: boolean }[] = [];
  let firstAnswerAt: number | undefined;
  const rateAt = (now: number): number => {
    if (!cut) return limit;
    const s = Math.max(0, now - cut.at) / 1000;
    return Math.min(limit, cut.floor + limit * (CLIMB * s + ACCEL * s * s));
  };
  return {
    rateAt,
    answered(now, throttled) {
      firstAnswerAt ??= now;
      recent.push({ at: now, throttled });
      if ((recent[0] as { at: number }).at <= now - EVIDENCE_MS) recent = recent.filter((a) => a.at > now - EVIDENCE_MS);
      if (!throttled || (cut && now - cut.at < CUT_INTERVAL_MS)) return false;
      const refused = recent.filter((a) => a.throttled).length;
      if (refused < Math.max(CUT_AFTER, CUT_SHARE * recent.length)) return false;
      // Goodput per second, over the last second (or the run so far, when it is younger).
      const span = Math.min(GOODPUT_MS, Math.max(250, now - firstAnswerAt));
      const through = recent.filter((a) => !a.throttled && a.at > now - GOODPUT_MS).length;
      const rate = rateAt(now);
      cut = { at: now, floor: Math.max(1, rate / 2, Math.min(rate, KEEP * ((through * 1000) / span))) };
      return true;
    },
  };
}
