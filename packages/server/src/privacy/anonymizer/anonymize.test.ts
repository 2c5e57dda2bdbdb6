import type { Language } from '@kommunechat/protocol';
import { describe, expect, it } from 'vitest';
import { anonymize, ANONYMIZER_VERSION, MASK_WORDS, PII_CATEGORIES, type PiiCategory } from './index.ts';

/** [language, message, the exact substring that must be masked] */
type Positive = [Language, string, string];
/** [language, message, words that must survive] */
type Negative = [Language, string, string[]];

function maskedAs(lang: Language, text: string, piece: string): PiiCategory[] {
  const at = text.indexOf(piece);
  expect(at, `fixture: "${piece}" not in message`).toBeGreaterThanOrEqual(0);
  const { spans } = anonymize(text, { lang });
  return spans.filter((s) => s.start <= at && at + piece.length <= s.end).map((s) => s.category);
}

function expectKept(lang: Language, text: string, words: string[]): void {
  const { spans } = anonymize(text, { lang });
  for (const w of words) {
    const at = text.indexOf(w);
    expect(at, `fixture: "${w}" not in message`).toBeGreaterThanOrEqual(0);
    expect(
      spans.filter((s) => s.start < at + w.length && at < s.end),
      `"${w}" in "${text}"`,
    ).toEqual([]);
  }
}

const POSITIVES: Record<PiiCategory, Positive[]> = {
  number: [
    ['nb', 'Nummeret mitt er 482 91 337.', '482 91 337'],
    ['nb', 'Ring +47 22 86 50 00 i morgen', '+47 22 86 50 00'],
    ['nb', 'fnr 31129956715', '31129956715'],
    ['nn', 'D-nummeret er 410185 12345', '410185 12345'],
    ['nb', 'Konto 1503.12.34567 takk', '1503.12.34567'],
    ['nb', 'IBAN NO93 8601 1117 947', 'NO93 8601 1117 947'],
    ['da', 'CPR 010190-1234 (behøver ikke mod-11)', '010190-1234'],
    ['da', 'ring 20-12-34-56', '20-12-34-56'],
    ['sv', 'personnummer 19900101-1234', '19900101-1234'],
    ['sv', 'samordningsnummer 900161+1234', '900161+1234'],
    ['sv', 'Mitt nr: 0701234567', '0701234567'],
    ['en', 'Call me at +44 20 7946 0958', '+44 20 7946 0958'],
  ],
  email: [
    ['nb', 'Send til ola.nordmann@nav.no, takk', 'ola.nordmann@nav.no'],
    ['da', 'min mail er søren_k+kommune@post.tele.dk.', 'søren_k+kommune@post.tele.dk'],
    ['sv', 'skriv till a.b@c.se', 'a.b@c.se'],
    ['en', 'Email JOHN.DOE@EXAMPLE.CO.UK please', 'JOHN.DOE@EXAMPLE.CO.UK'],
    ['nn', 'e-post: per@heim.no', 'per@heim.no'],
  ],
  health: [
    ['nb', 'Kona mi har brystkreft.', 'brystkreft'],
    ['nb', 'Diabetesen hans er ustabil', 'Diabetesen'],
    ['nb', 'Jeg er rullestolbruker', 'rullestolbruker'],
    ['nb', 'Han har fått påvist Alzheimers sykdom', 'Alzheimers'],
    ['nn', 'Far er demenssjuk', 'demenssjuk'],
    ['nn', 'Ho er gravid med tvillingar', 'gravid'],
    ['da', 'Depressionen er værre om vinteren', 'Depressionen'],
    ['da', 'Han glemmer sin astmamedicin', 'astmamedicin'],
    ['da', 'jeg er alkoholiker', 'alkoholiker'],
    ['sv', 'Min son har diabetes typ 1', 'diabetes'],
    ['sv', 'Jag är sjukskriven för utmattningssyndrom', 'utmattningssyndrom'],
    ['sv', 'hon tar antidepressiva', 'antidepressiva'],
    ['en', 'I was diagnosed with bipolar disorder', 'bipolar'],
    ['en', 'my wife is pregnant', 'pregnant'],
    ['en', 'He is a recovering alcoholic', 'alcoholic'],
  ],
  gender: [
    ['nb', 'jeg er en kvinne på 50', 'kvinne'],
    ['nb', 'Min sønn er ikke-binær', 'ikke-binær'],
    ['nb', 'Jeg er transkvinne', 'transkvinne'],
    ['nn', 'Eg er ein mann på 80 år', 'mann'],
    ['da', 'Jeg er en kvinde og bor alene', 'kvinde'],
    ['da', 'Mit barn er transkønnet', 'transkønnet'],
    ['sv', 'jag är man', 'man'],
    ['sv', 'Jag identifierar mig som icke-binär', 'icke-binär'],
    ['en', "I'm trans", 'trans'],
    ['en', 'I identify as genderfluid', 'genderfluid'],
    ['nb', 'Kjønn: mann', 'mann'],
  ],
  sexual_orientation: [
    ['nb', 'jeg er homofil', 'homofil'],
    ['nb', 'Vi er et lesbisk par', 'lesbisk'],
    ['nn', 'Eg er bifil', 'bifil'],
    ['da', 'Min bror er bøsse', 'bøsse'],
    ['sv', 'Jag är homosexuell', 'homosexuell'],
    ['en', "I'm gay", 'gay'],
    ['en', 'we are a queer couple', 'queer'],
    ['en', "I'm straight", 'straight'],
  ],
  political: [
    ['nb', 'Jeg stemmer på Høyre', 'Høyre'],
    ['nb', 'Jeg har alltid stemt FrP', 'FrP'],
    ['nb', 'Høyres politikk er bra', 'Høyres'],
    ['nb', 'Vi stemte på V eller H', 'V eller H'],
    ['nb', 'Jeg er medlem av Rødt', 'Rødt'],
    ['nb', 'sosialdemokratene vil øke skatten', 'sosialdemokratene'],
    ['nb', 'jeg er kommunist', 'kommunist'],
    ['nn', 'Eg røystar på Arbeidarpartiet', 'Arbeidarpartiet'],
    ['da', 'Jeg stemmer på Venstre', 'Venstre'],
    ['da', 'Jeg stemte på Ø', 'Ø'],
    ['da', 'Jeg er medlem af Liberal Alliance', 'Liberal Alliance'],
    ['da', 'DF og SF er uenige om det', 'DF'],
    ['sv', 'sossarna har styrt länge', 'sossarna'],
    ['sv', 'Jag röstade på S', 'S'],
    ['sv', 'Jag gillar Sverigedemokraternas politik', 'Sverigedemokraternas'],
    ['en', 'I voted for Labour', 'Labour'],
    ['en', 'I am a socialist', 'socialist'],
  ],
  location: [
    ['nb', 'Jeg bor i Storgata 12B', 'Storgata 12B'],
    ['nb', 'Adr: Kong Oscars gate 3, 5017 Bergen', 'Kong Oscars gate 3'],
    ['nb', 'Adr: Kong Oscars gate 3, 5017 Bergen', '5017 Bergen'],
    ['nn', 'Adressa er Skulevegen 4', 'Skulevegen 4'],
    ['da', 'Nørregade 4, 2. th.', 'Nørregade 4, 2. th.'],
    ['da', 'Jeg bor i 2100 København Ø', '2100 København Ø'],
    ['sv', 'Drottninggatan 5, 111 51 Stockholm', 'Drottninggatan 5'],
    ['sv', 'Drottninggatan 5, 111 51 Stockholm', '111 51 Stockholm'],
    ['en', 'I live at 221B Baker Street', '221B Baker Street'],
    ['en', 'It is at 59.9139, 10.7522', '59.9139, 10.7522'],
    ['en', 'See 59°54′50″N 10°45′8″E', '59°54′50″N 10°45′8″E'],
    ['nb', 'se https://www.google.com/maps/@59.91,10.75,15z her', 'https://www.google.com/maps/@59.91,10.75,15z'],
    ['da', 'https://maps.app.goo.gl/xyz123', 'https://maps.app.goo.gl/xyz123'],
    ['sv', 'geo:59.33,18.06', 'geo:59.33,18.06'],
  ],
  name: [
    ['nb', 'Hei, jeg heter kari nordmann', 'kari nordmann'],
    ['nb', 'Mitt navn er Ola', 'Ola'],
    ['nb', 'Min mor Kari Hansen er syk', 'Kari Hansen'],
    ['nb', 'Kan jeg ringe til Per?', 'Per'],
    ['nb', 'Takk!\nMvh Ola Nordmann', 'Ola Nordmann'],
    ['nn', 'Eg heiter Ingrid', 'Ingrid'],
    ['da', 'Mit navn er Mette Frederiksen', 'Mette Frederiksen'],
    ['da', 'Venlig hilsen Jens', 'Jens'],
    ['sv', 'Jag heter Anna Svensson', 'Anna Svensson'],
    ['sv', 'Min granne Lars Persson', 'Lars Persson'],
    ['en', 'My name is John Smith', 'John Smith'],
    ['en', 'Kind regards,\nSarah', 'Sarah'],
    ['en', 'Please ask David about it', 'David'],
  ],
};

const NEGATIVES: Negative[] = [
  ['nb', 'Fakturaen er datert 12.03.2025 kl 14:30', ['12.03.2025', '14:30']],
  ['nb', 'Møtet er 12.03.2025 14:30 i rådhuset', ['12.03.2025', '14:30']],
  ['nb', 'Det koster kr 3 500, eller 3 500 kr med rabatt', ['3 500']],
  ['nb', 'Gjelder sak 24/1234 fra 2025', ['24/1234', '2025']],
  ['nb', 'Perioden 2020-2025 er over', ['2020-2025']],
  ['sv', 'Mötet 2025-03-14 kl. 09.30', ['2025-03-14', '09.30']],
  ['nb', 'Ta til venstre, så til høyre', ['venstre', 'høyre']],
  ['nb', 'Inngangen er på høyre side', ['høyre']],
  ['nn', 'Køyr til venstre ved kyrkja', ['venstre']],
  ['da', 'Drej til højre og så til venstre', ['højre', 'venstre']],
  ['sv', 'Sväng till höger vid kyrkan', ['höger']],
  ['en', 'Turn right, then left', ['right', 'left']],
  ['nb', 'Hvor kan jeg stemme?', ['stemme']],
  ['nb', 'Når er valget?', ['valget']],
  ['sv', 'Var kan jag rösta?', ['rösta']],
  ['nb', 'Hvordan bytter jeg fastlege?', ['fastlege']],
  ['nb', 'Når åpner legevakten og helsestasjonen?', ['legevakten', 'helsestasjonen']],
  ['nb', 'Hva koster sykehjem?', ['sykehjem']],
  ['da', 'Hvad koster plejehjem?', ['plejehjem']],
  ['nn', 'Kor er sjukehuset?', ['sjukehuset']],
  ['sv', 'Var ligger vårdcentralen?', ['vårdcentralen']],
  ['nb', 'Hvordan søker jeg sykepenger?', ['sykepenger']],
  ['nb', 'Jeg har ikke krefter til mer', ['krefter']],
  ['sv', 'Hur ansöker man om bidrag?', ['man']],
  ['sv', 'När är man berättigad till stöd?', ['man']],
  ['nb', 'Det er en mann som står utenfor', ['mann']],
  ['en', 'How do I add my son to the list?', ['add', 'son']],
  ['en', 'May I book a room? Will it cost anything?', ['May', 'Will']],
  ['nb', 'Oslo kommune har sendt brev', ['Oslo']],
  ['nb', 'Storfamilien skal flytte. Biblioteket er stengt', ['Storfamilien', 'Biblioteket']],
  ['nb', 'Sentrum er stengt for biler', ['Sentrum']],
  ['da', 'Jeg vil gerne skrive til Borgerservice', ['Borgerservice']],
  ['sv', 'SV: angående bygglov', ['SV']],
  ['en', 'the entrance is at gate 5', ['gate 5']],
  ['nb', 'Han kjørte 20°C-grader varmt vann', ['20°C']],
];

describe('anonymize — recognisers per category and language', () => {
  for (const category of PII_CATEGORIES) {
    describe(category, () => {
      it.each(POSITIVES[category])('%s: %s', (lang, text, piece) => {
        expect(maskedAs(lang, text, piece)).toContain(category);
      });
    });
  }
  it('covers every language in every category', () => {
    for (const category of PII_CATEGORIES) {
      expect(new Set(POSITIVES[category].map(([l]) => l)), category).toEqual(new Set(['nb', 'nn', 'da', 'sv', 'en']));
    }
  });
});

describe('anonymize — hard negatives', () => {
  it.each(NEGATIVES)('%s: %s', (lang, text, words) => expectKept(lang, text, words));
});

describe('anonymize — output', () => {
  it('writes mask tokens in the conversation language, English without one', () => {
    const text = 'Jeg heter Kari og har diabetes, ring 91234567';
    expect(anonymize(text, { lang: 'nb' }).text).toBe('Jeg heter [navn] og har [helse], ring [nummer]');
    expect(anonymize(text, { lang: 'sv' }).text).toBe('Jeg heter [namn] og har [hälsa], ring [nummer]');
    expect(anonymize(text).text).toBe('Jeg heter [name] og har [health], ring [number]');
  });

  it('has one distinct mask word per category in each language', () => {
    for (const words of Object.values(MASK_WORDS))
      expect(new Set(Object.values(words)).size).toBe(PII_CATEGORIES.length);
  });

  it('joins neighbouring spans of one category', () => {
    expect(anonymize('Han har multippel sklerose', { lang: 'nb' }).text).toBe('Han har [helse]');
  });

  it('exports a calendar version', () => {
    expect(ANONYMIZER_VERSION).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
  });
});

describe('anonymize — idempotence', () => {
  // Property-style: every fixture, pairs of fixtures and each in every language's masks.
  const texts = [
    ...Object.values(POSITIVES)
      .flat()
      .map(([, t]) => t),
    ...NEGATIVES.map(([, t]) => t),
  ];
  const combined = texts.flatMap((a, i) => [
    a,
    `${a} ${texts[(i * 7 + 3) % texts.length]}`,
    `${a}\n${texts[(i * 13 + 5) % texts.length]}`,
  ]);
  it(`holds for ${combined.length * 6} inputs`, () => {
    for (const lang of ['nb', 'nn', 'da', 'sv', 'en', undefined] as const) {
      for (const text of combined) {
        const once = anonymize(text, lang ? { lang } : {}).text;
        const twice = anonymize(once, lang ? { lang } : {});
        expect(twice.text, text).toBe(once);
        expect(twice.spans, text).toEqual([]);
      }
    }
  });

  it('never masks a mask token of another language', () => {
    expect(anonymize('[navn] [helse] [kön] [number]', { lang: 'da' }).spans).toEqual([]);
  });
});
