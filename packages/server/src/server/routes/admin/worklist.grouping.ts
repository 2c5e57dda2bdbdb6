/** Masks like [telefon] and very short words say nothing about the topic. */
function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .replace(/\[[^\]]*\]/g, ' ')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 4),
  );
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Groups texts by word overlap (Jaccard similarity of their words of four letters or more, single pass: each text
 * joins the first group whose first text is similar enough). Labels a group with its most frequent words.
 */
export function groupBySimilarity<T>(
  items: readonly T[],
  textOf: (item: T) => string,
  threshold = 0.3,
): { label: string; items: T[] }[] {
  const groups: { seed: Set<string>; items: T[] }[] = [];
  for (const item of items) {
    const w = words(textOf(item));
    const home = groups.find((g) => jaccard(g.seed, w) >= threshold);
    if (home) home.items.push(item);
    else groups.push({ seed: w, items: [item] });
  }
  return groups
    .map((g) => {
      const freq = new Map<string, number>();
      for (const it of g.items) for (const w of words(textOf(it))) freq.set(w, (freq.get(w) ?? 0) + 1);
      const label = [...freq]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 3)
        .map(([w]) => w)
        .join(' ');
      return { label: label || '—', items: g.items };
    })
    .sort((a, b) => b.items.length - a.items.length);
}
