import type { Language } from '@kommunechat/protocol';
import { stemmer as danish } from '@orama/stemmers/danish';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as norwegian } from '@orama/stemmers/norwegian';
import { stemmer as swedish } from '@orama/stemmers/swedish';

/**
 * Nynorsk function words and frequent forms mapped to their bokmål counterparts, so nynorsk shares features with
 * the (usually larger) bokmål training set; the Snowball Norwegian stemmer already handles -ar/-ane/-a endings.
 */
const NYNORSK_TO_BOKMAL: ReadonlyMap<string, string> = new Map([
  ['eg', 'jeg'],
  ['kva', 'hva'],
  ['korleis', 'hvordan'],
  ['kvar', 'hvor'],
  ['kor', 'hvor'],
  ['kvifor', 'hvorfor'],
  ['kven', 'hvem'],
  ['ikkje', 'ikke'],
  ['kjem', 'kommer'],
  ['kome', 'komme'],
  ['nokon', 'noen'],
  ['noko', 'noe'],
  ['nokre', 'noen'],
  ['frå', 'fra'],
  ['heime', 'hjemme'],
  ['heim', 'hjem'],
  ['ein', 'en'],
  ['eit', 'et'],
  ['dei', 'de'],
  ['me', 'vi'],
  ['vere', 'være'],
  ['berre', 'bare'],
  ['òg', 'også'],
  ['sjå', 'se'],
  ['gje', 'gi'],
  ['ver', 'vær'],
  ['mykje', 'mye'],
  ['søkje', 'søke'],
  ['søkja', 'søke'],
  ['treng', 'trenger'],
  ['ho', 'hun'],
  ['vatn', 'vann'],
  ['bustad', 'bolig'],
  ['stad', 'sted'],
  ['skule', 'skole'],
  ['skulen', 'skolen'],
  ['dokter', 'lege'],
  ['lækjar', 'lege'],
  ['legevakta', 'legevakten'],
  ['veg', 'vei'],
  ['vegen', 'veien'],
  ['vegar', 'veier'],
  ['betala', 'betale'],
  ['mi', 'min'],
  ['dykk', 'dere'],
]);

const STEMMERS: Readonly<Record<Language, (word: string) => string>> = {
  nb: norwegian,
  nn: norwegian,
  da: danish,
  sv: swedish,
  en: english,
};

/** Bokmål form of a nynorsk token where a common one exists; other tokens unchanged. */
export function nynorskToBokmal(token: string): string {
  return NYNORSK_TO_BOKMAL.get(token) ?? token;
}

/**
 * Snowball stem of one lower-case token in the given language (nynorsk through the Norwegian stemmer after
 * mapping common nynorsk forms to bokmål). Digits-only tokens are returned unchanged.
 */
export function stemToken(token: string, language: Language): string {
  if (/^\p{N}+$/u.test(token)) return token;
  const word = language === 'nn' ? nynorskToBokmal(token) : token;
  return STEMMERS[language](word);
}
