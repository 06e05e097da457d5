/** `0.4s`, `12s`, `3m05s`, `1h02m`: short enough for a 60-column progress line. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 10_000 && ms % 1000 !== 0) return `${(Math.round(ms / 100) / 10).toFixed(1)}s`;
  const totalSeconds = Math.floor(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds}s`;
  const seconds = totalSeconds % 60;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes < 60) return `${totalMinutes}m${String(seconds).padStart(2, '0')}s`;
  const minutes = totalMinutes % 60;
  return `${Math.floor(totalMinutes / 60)}h${String(minutes).padStart(2, '0')}m`;
}

/** Requests per second with one decimal, e.g. `19.8/s`. */
export function formatRate(perSecond: number): string {
  return `${(Number.isFinite(perSecond) ? perSecond : 0).toFixed(1)}/s`;
}
