import { describe, expect, it } from 'vitest';
import { parseBotText, parseInline, plainText, safeHref } from '../src/bot-text.parser.ts';

describe('safeHref', () => {
  it('allows http, https, mailto and tel', () => {
    for (const url of [
      'https://fjordvik.example/a?b=1',
      'http://x.example',
      'mailto:post@x.example',
      'tel:+4755000000',
      'HTTPS://X.EXAMPLE',
    ])
      expect(safeHref(url)).toBe(url);
  });

  it('refuses every other scheme, relative URLs and disguised schemes', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<b>',
      'vbscript:x',
      '//evil.example',
      '/local',
      'java\tscript:alert(1)',
      ' https://x.example',
      'https://x.example/\u0000',
    ]) {
      expect(safeHref(url), url).toBeUndefined();
    }
  });
});

describe('parseBotText', () => {
  it('splits paragraphs on blank lines and keeps single line breaks inside a paragraph', () => {
    expect(parseBotText('One\ntwo\n\nThree')).toEqual([
      { kind: 'paragraph', lines: [[{ kind: 'text', text: 'One' }], [{ kind: 'text', text: 'two' }]] },
      { kind: 'paragraph', lines: [[{ kind: 'text', text: 'Three' }]] },
    ]);
  });

  it('turns "- " lines into list items, also right after a paragraph line', () => {
    expect(parseBotText('You need:\n- a map\n- drawings\nThen apply.')).toEqual([
      { kind: 'paragraph', lines: [[{ kind: 'text', text: 'You need:' }]] },
      { kind: 'list', items: [[{ kind: 'text', text: 'a map' }], [{ kind: 'text', text: 'drawings' }]] },
      { kind: 'paragraph', lines: [[{ kind: 'text', text: 'Then apply.' }]] },
    ]);
  });

  it('makes links of allowed URLs and plain text of the rest, and leaves markup characters as text', () => {
    expect(parseInline('See [the page](https://x.example/p) or [this](javascript:alert(1)) <b>now</b>')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'the page', href: 'https://x.example/p', external: true },
      { kind: 'text', text: ' or ' },
      { kind: 'text', text: 'this' },
      { kind: 'text', text: ' <b>now</b>' },
    ]);
    expect(parseInline('[Fjord](https://en.wikipedia.org/wiki/Fjord_(x)).')).toEqual([
      { kind: 'link', text: 'Fjord', href: 'https://en.wikipedia.org/wiki/Fjord_(x)', external: true },
      { kind: 'text', text: '.' },
    ]);
    expect(parseInline('[Ring oss](tel:+4755000000)')).toEqual([
      { kind: 'link', text: 'Ring oss', href: 'tel:+4755000000', external: false },
    ]);
  });

  it('normalises Windows line endings', () => {
    expect(parseBotText('a\r\n\r\nb')).toHaveLength(2);
  });
});

describe('plainText', () => {
  it('drops the markup for speech: link labels stay, URLs go', () => {
    expect(plainText('Hi!\n\n- see [the page](https://x.example)\n- call')).toBe('Hi!\nsee the page\ncall');
  });
});
