import { LANGUAGES, type Language } from '@kommunechat/protocol';
import { francAll } from 'franc-all';
import { foldDiacritics, normalizeText } from './text.normalizer.ts';
import { tokenize } from './text.tokenizer.ts';
import type { LanguageModel } from './language.model.ts';

/** What the caller knows besides the text: the municipality's offered languages and the conversation so far. */
export interface LanguageContext {
  /** Languages the municipality offers, its default first. The answer is always one of these when given. */
  languages?: readonly Language[];
  /** The language of the conversation's earlier messages. */
  previousLanguage?: Language;
}

const FRANC_CODES: Readonly<Record<Language, string>> = { nb: 'nob', nn: 'nno', da: 'dan', sv: 'swe', en: 'eng' };
const FRANC_ONLY = LANGUAGES.map((l) => FRANC_CODES[l]);

/**
 * Frequent words of each language. A word listed for several languages counts for each of them, which still
 * separates that group from the others (e.g. "ikke" says nb/da, not sv/nn/en).
 */
const MARKER_WORDS: Readonly<Record<Language, string>> = {
  nb: `jeg hva hvordan hvor hvorfor hvem når ikke meg deg noen noe mye fra hjem hjemme bare også være kommer skal vil
    dere hei takk ja nei er av til det og eller må får min mitt mine hos etter nå hvis kanskje gjerne bolig søke
    søknad skole vei veien vann hun de dem ble blir hadde gå fikk tusen sted kommunen innbygger`,
  nn: `eg kva korleis kvar kor kvifor kven når ikkje meg deg nokon noko nokre mykje frå heim heime berre òg vere kjem
    skal vil dykk de hei takk ja nei er av til det og eller må får min mitt mine hos etter no viss kanskje gjerne
    bustad søkje søknad skule veg vegen vatn ho dei ein eit vert blir hadde gå fekk tusen stad kommunen innbyggjar`,
  da: `jeg hvad hvordan hvor hvornår hvorfor hvem når ikke mig dig nogen noget meget fra hjem hjemme kun bare også
    være kommer skal vil jer hej tak ja nej er af til det og eller må får min mit mine hos efter nu hvis måske gerne
    bolig søge ansøgning skole vej vejen vand hun de dem blev bliver havde gå fik tusind sted kommunen borger`,
  sv: `jag vad hur var när varför vem inte mig dig någon något några mycket från hem hemma bara också vara kommer ska
    vill ni hej hejsan tack ja nej är av till det och eller måste får min mitt mina hos efter nu kanske gärna bostad
    söka ansökan skola väg vägen vatten hon de dem blev blir hade gå fick tusen plats kommunen invånare`,
  en: `what how where when why who not me you my your some from home only also be come comes will can hello hi
    thanks thank yes no is am are of to the and or must get gets mine at after now if maybe please housing apply
    application school road water she they them was were had have go got do does a an it this that for with on`,
};

function buildMarkers(): ReadonlyMap<string, readonly Language[]> {
  const markers = new Map<string, Language[]>();
  const add = (word: string, lang: Language): void => {
    const langs = markers.get(word) ?? [];
    if (!langs.includes(lang)) langs.push(lang);
    markers.set(word, langs);
  };
  for (const lang of LANGUAGES) {
    for (const word of MARKER_WORDS[lang].split(/\s+/).filter(Boolean)) add(word, lang);
  }
  // Folded spellings ("nar", "hvornar") only where the folded form is not itself a marker of other languages.
  for (const lang of LANGUAGES) {
    for (const word of MARKER_WORDS[lang].split(/\s+/).filter(Boolean)) {
      const folded = foldDiacritics(word);
      if (folded !== word && !markers.has(folded)) add(`~${folded}`, lang);
    }
  }
  return markers;
}
const MARKERS = buildMarkers();

/** Texts this long (letters) give franc's trigram profile its full weight; shorter ones count proportionally. */
const FRANC_FULL_WEIGHT_LETTERS = 40;
const FRANC_WEIGHT = 2.5;
const PREVIOUS_LANGUAGE_BONUS = 1.2;
/** Weight of the language model learned from the answer base (see language.model.ts), a posterior in [0, 1]. */
const LEARNED_WEIGHT = 2;
const DEFAULT_LANGUAGE_BONUS = 0.3;

/**
 * Evidence for each language from the text alone (franc's trigram profile weighted by text length, frequent
 * words, and letters only some languages use). Higher is more likely; the scale is relative.
 */
export function languageEvidence(text: string): Record<Language, number> {
  const normalized = normalizeText(text);
  const scores: Record<Language, number> = { nb: 0, nn: 0, da: 0, sv: 0, en: 0 };
  const letters = normalized.replace(/[^\p{L}]/gu, '').length;
  if (letters === 0) return scores;
  const francWeight = FRANC_WEIGHT * Math.min(1, letters / FRANC_FULL_WEIGHT_LETTERS);
  for (const [code, similarity] of francAll(normalized, { only: FRANC_ONLY, minLength: 1 })) {
    const lang = LANGUAGES.find((l) => FRANC_CODES[l] === code);
    if (lang) scores[lang] += francWeight * similarity;
  }
  for (const token of tokenize(normalized)) {
    const langs = MARKERS.get(token) ?? MARKERS.get(`~${foldDiacritics(token)}`);
    if (langs) for (const lang of langs) scores[lang] += 1 / Math.sqrt(langs.length);
  }
  if (/[äö]/.test(normalized)) scores.sv += 1.5;
  if (/[æø]/.test(normalized)) {
    scores.nb += 0.8;
    scores.nn += 0.8;
    scores.da += 0.8;
  }
  return scores;
}

/**
 * The language of a citizen's message among nb/nn/da/sv/en. Text evidence decides when there is enough of it;
 * otherwise (e.g. "hei", "takk", "ok") the conversation's earlier language wins, then the municipality's default.
 * When `languages` is given the result is always one of them. `learned` adds the evidence of a language model
 * trained on labelled phrases.
 * @example detectLanguage('hvornår tømmes skraldespanden') === 'da'
 * @example detectLanguage('ok', { languages: ['sv', 'en'], previousLanguage: 'en' }) === 'en'
 */
export function detectLanguage(text: string, context: LanguageContext = {}, learned?: LanguageModel): Language {
  const candidates = context.languages && context.languages.length > 0 ? context.languages : LANGUAGES;
  const evidence = languageEvidence(text);
  const scores = candidates.map((lang, i) => {
    let score = evidence[lang];
    if (lang === context.previousLanguage) score += PREVIOUS_LANGUAGE_BONUS;
    if (i === 0 && context.languages) score += DEFAULT_LANGUAGE_BONUS;
    return score;
  });
  // The learned model adds at most LEARNED_WEIGHT to one language: consult it only when that could change the winner.
  const [first = 0, second = -Infinity] = [...scores].sort((a, b) => b - a);
  if (learned && first - second < LEARNED_WEIGHT) {
    const posterior = learned.evidence(text);
    candidates.forEach((lang, i) => (scores[i]! += LEARNED_WEIGHT * posterior[lang]));
  }
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;
  return candidates[best] ?? 'nb';
}
