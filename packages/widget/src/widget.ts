// The embeddable widget: `<script src="https://HOST/widget.js" data-municipality="SLUG" async></script>`.
// Only a launcher button is added; nothing is requested or stored until the visitor opens it.
import type { Language } from '@kommunechat/protocol';
import { ChatWidget } from './chat.widget.ts';
import { languageOfTag } from './widget.texts.ts';
import css from './widget.css';

const TAG = 'kommunechat-widget';

function mount(script: HTMLScriptElement): void {
  const slug = script.dataset.municipality ?? '';
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(slug)) {
    console.warn('kommunechat: the script tag needs data-municipality="<slug>"');
    return;
  }
  if (document.querySelector(`${TAG}[data-municipality="${slug}"]`)) return;
  const language: Language =
    languageOfTag(script.dataset.language) ??
    languageOfTag(document.documentElement.lang) ??
    languageOfTag(navigator.language) ??
    'en';

  // A custom element name: host-page rules for div or section cannot match it, and `:host { all: initial }` resets the rest.
  const host = document.createElement(TAG);
  host.dataset.municipality = slug;
  const root = host.attachShadow({ mode: 'open' });
  // A constructed stylesheet is not inline CSS, so host pages with a strict CSP (no 'unsafe-inline') still style the widget.
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    root.append(style);
  }
  new ChatWidget({ root, host, slug, apiBase: new URL(script.src).origin, language });
  document.body.append(host);
}

const script = document.currentScript;
if (script instanceof HTMLScriptElement && script.src) {
  if (document.body) mount(script);
  else document.addEventListener('DOMContentLoaded', () => mount(script), { once: true });
}
