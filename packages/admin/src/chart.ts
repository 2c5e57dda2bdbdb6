import { svg } from './dom.ts';

/** A bar chart of one series as SVG (no library, no inline styles), with a text alternative. */
export function barChart(points: { label: string; value: number }[], title: string): SVGElement {
  const width = 640;
  const height = 200;
  const pad = 28;
  const max = Math.max(1, ...points.map((p) => p.value));
  const step = (width - pad * 2) / Math.max(1, points.length);
  const bars = points.map((p, i) => {
    const h = Math.round(((height - pad * 2) * p.value) / max);
    return svg(
      'rect',
      {
        class: 'bar',
        x: Math.round(pad + i * step + step * 0.1),
        y: height - pad - h,
        width: Math.max(1, Math.round(step * 0.8)),
        height: h,
      },
      svg('title', {}, `${p.label}: ${p.value}`),
    );
  });
  return svg(
    'svg',
    {
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': `${title}: ${points.map((p) => `${p.label} ${p.value}`).join(', ')}`,
      class: 'chart',
    },
    svg('line', { class: 'axis', x1: pad, y1: height - pad, x2: width - pad, y2: height - pad }),
    svg('text', { class: 'axis-label', x: pad, y: pad - 8 }, String(max)),
    ...bars,
    points.length > 0 ? svg('text', { class: 'axis-label', x: pad, y: height - 8 }, points[0]!.label) : null,
    points.length > 1
      ? svg('text', { class: 'axis-label end', x: width - pad, y: height - 8 }, points.at(-1)!.label)
      : null,
  );
}
