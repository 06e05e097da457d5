/** Edits (insert, delete, replace, swap two neighbours) between two words. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    const up = d[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * The known word a mistyped one most likely meant: `dryrun` → `dry-run`, `regoin` → `region`.
 * Dashes are ignored in the comparison; nothing when no word is close (at most a third of its letters off).
 */
export function closest(word: string, known: readonly string[]): string | undefined {
  const plain = (w: string): string => w.toLowerCase().replace(/-/g, '');
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(plain(word), plain(name));
    if (distance <= Math.max(1, Math.floor(plain(name).length / 3)) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
