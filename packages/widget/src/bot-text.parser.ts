/**
 * The little markup bot answers use: blank lines between paragraphs, `- ` list items and `[label](url)` links.
 * Parsing is separate from rendering so the rules (above all, which links are allowed) are testable without a DOM.
 */

/** A run of inline content: text, or a link whose URL passed the scheme check. */
export type Inline = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string; external: boolean };

export type Block = { kind: 'paragraph'; lines: Inline[][] } | { kind: 'list'; items: Inline[][] };

// The URL may hold one level of balanced parentheses, as in https://en.wikipedia.org/wiki/Fjord_(disambiguation).
const LINK = /\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/g;
const ALLOWED = /^(https?:\/\/|mailto:|tel:)/i;

/**
 * The URL if it is http(s), mailto or tel, else undefined. Whitespace and control characters are rejected outright,
 * because browsers strip them and `java\tscript:` would otherwise slip past a prefix check.
 */
export function safeHref(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(url) || !ALLOWED.test(url)) return undefined;
  return url;
}

/** Inline content of one line; links with other schemes become their plain label. */
export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of line.matchAll(LINK)) {
    const [whole, label = '', url = ''] = m;
    if (m.index > last) out.push({ kind: 'text', text: line.slice(last, m.index) });
    const href = safeHref(url);
    out.push(
      href ? { kind: 'link', text: label, href, external: /^https?:/i.test(href) } : { kind: 'text', text: label },
    );
    last = m.index + whole.length;
  }
  if (last < line.length) out.push({ kind: 'text', text: line.slice(last) });
  return out;
}

/** Paragraphs and lists of a bot message. */
export function parseBotText(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let paragraph: Inline[][] = [];
    let list: Inline[][] = [];
    const flush = () => {
      if (paragraph.length > 0) blocks.push({ kind: 'paragraph', lines: paragraph });
      if (list.length > 0) blocks.push({ kind: 'list', items: list });
      paragraph = [];
      list = [];
    };
    for (const raw of chunk.split('\n')) {
      const line = raw.trim();
      if (line === '') continue;
      const item = /^[-*•] +(.*)$/.exec(line);
      if (item) {
        if (paragraph.length > 0) {
          blocks.push({ kind: 'paragraph', lines: paragraph });
          paragraph = [];
        }
        list.push(parseInline(item[1] ?? ''));
      } else {
        if (list.length > 0) {
          blocks.push({ kind: 'list', items: list });
          list = [];
        }
        paragraph.push(parseInline(line));
      }
    }
    flush();
  }
  return blocks;
}

/** The text of a bot message without markup, for speech synthesis. */
export function plainText(text: string): string {
  return parseBotText(text)
    .flatMap((b) => (b.kind === 'paragraph' ? b.lines : b.items))
    .map((line) => line.map((i) => i.text).join(''))
    .join('\n');
}
