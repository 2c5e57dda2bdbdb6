import type { Block, Inline } from './bot-text.parser.ts';

type Attrs = Record<string, string | boolean | undefined>;
type Child = Node | string | null | undefined | false;

/**
 * Creates an element. Content is only ever added as text nodes or elements, never as HTML, so nothing a citizen
 * or an answer contains can become markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === true) el.setAttribute(name, '');
    else if (typeof value === 'string') el.setAttribute(name, value);
  }
  for (const c of children) if (c) el.append(c);
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';

/** A decorative 24×24 icon from one path; the control it sits in carries the accessible name. */
export function icon(path: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const p = document.createElementNS(SVG, 'path');
  p.setAttribute('d', path);
  svg.append(p);
  return svg;
}

export const ICONS = {
  chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z',
  close: 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z',
  help: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 17h-2v-2h2zm2.1-7.8-.9.9c-.7.7-1.2 1.3-1.2 2.9h-2v-.5c0-1.1.5-2.1 1.2-2.8l1.2-1.3A2 2 0 1 0 10 9H8a4 4 0 1 1 7.1 2.2z',
  send: 'M3 20.5 21 12 3 3.5 3 10l12 2-12 2z',
  mic: 'M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1a7 7 0 0 0 6-6.9z',
} as const;

function inline(parts: Inline[], newTab: string): Node[] {
  return parts.map((p) => {
    if (p.kind === 'text') return document.createTextNode(p.text);
    const a = h('a', { href: p.href }, p.text);
    if (p.external) {
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      // data-t lets the widget re-word it when the visitor switches language.
      a.append(h('span', { class: 'sr', 'data-t': 'newTab', 'data-prefix': ' ' }, ` ${newTab}`));
    }
    return a;
  });
}

/** The DOM of a parsed bot message. */
export function renderBlocks(blocks: Block[], newTab: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  for (const b of blocks) {
    if (b.kind === 'list') {
      frag.append(h('ul', {}, ...b.items.map((item) => h('li', {}, ...inline(item, newTab)))));
    } else {
      const p = h('p');
      b.lines.forEach((line, i) => {
        if (i > 0) p.append(h('br'));
        p.append(...inline(line, newTab));
      });
      frag.append(p);
    }
  }
  return frag;
}
