/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const DEFAULT = '#1f4e79';

/**
 * The municipality's colour, darkened until white text on it reaches 4.5:1 (WCAG AA), so a light brand colour
 * cannot make the widget unreadable. Anything that is not #rrggbb falls back to a neutral blue.
 */
export function readableColour(colour: string | undefined): string {
  if (!colour || !/^#[0-9a-f]{6}$/i.test(colour)) return DEFAULT;
  let rgb = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
  let hex = colour.toLowerCase();
  while (contrast(hex, '#ffffff') < 4.5) {
    rgb = rgb.map((c) => Math.floor(c * 0.9));
    hex = `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  }
  return hex;
}
