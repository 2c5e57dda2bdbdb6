import { describe, expect, it } from 'vitest';
import { contrast, readableColour } from '../src/theme.colour.ts';

describe('readableColour', () => {
  it('keeps a municipal colour that already has 4.5:1 against white', () => {
    expect(readableColour('#0B5394')).toBe('#0b5394');
    expect(contrast('#0b5394', '#ffffff')).toBeGreaterThan(4.5);
  });

  it('darkens a light colour until white text on it reaches 4.5:1', () => {
    const c = readableColour('#ffd700');
    expect(c).not.toBe('#ffd700');
    expect(contrast(c, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    // darkened, not replaced: still a yellow-brown, red above blue
    expect(parseInt(c.slice(1, 3), 16)).toBeGreaterThan(parseInt(c.slice(5, 7), 16));
  });

  it('falls back to a neutral colour for anything that is not #rrggbb', () => {
    for (const bad of [undefined, '', 'red', '#fff', 'url(x)', '#12345g'])
      expect(contrast(readableColour(bad), '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(readableColour('red')).toBe(readableColour(undefined));
  });

  it('computes the WCAG ratio of black on white as 21:1', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });
});
