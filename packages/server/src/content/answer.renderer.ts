import { WEEKDAYS, type Language, type MunicipalitySettings, type Weekday } from '@kommunechat/protocol';

/** The municipality facts an answer can refer to. */
export interface RenderContext {
  language: Language;
  municipality: Pick<MunicipalitySettings, 'name' | 'website' | 'contact' | 'pages' | 'privacyStatementUrl'>;
  retentionDays: number;
}

const DAY_NAMES: Record<Language, Record<Weekday, string>> = {
  nb: { mon: 'man', tue: 'tir', wed: 'ons', thu: 'tor', fri: 'fre', sat: 'lør', sun: 'søn' },
  nn: { mon: 'mån', tue: 'tys', wed: 'ons', thu: 'tor', fri: 'fre', sat: 'lau', sun: 'sun' },
  da: { mon: 'man', tue: 'tir', wed: 'ons', thu: 'tor', fri: 'fre', sat: 'lør', sun: 'søn' },
  sv: { mon: 'mån', tue: 'tis', wed: 'ons', thu: 'tor', fri: 'fre', sat: 'lör', sun: 'sön' },
  en: { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' },
};
const CLOSED: Record<Language, string> = { nb: 'stengt', nn: 'stengt', da: 'lukket', sv: 'stängt', en: 'closed' };

/** Opening hours as one line, consecutive days with the same hours grouped: "man–fre 08:00–15:30, lør–søn stengt". */
export function formatOpeningHours(hours: MunicipalitySettings['contact']['openingHours'], language: Language): string {
  const names = DAY_NAMES[language];
  const groups: { from: Weekday; to: Weekday; hours: string | null }[] = [];
  for (const day of WEEKDAYS) {
    const last = groups.at(-1);
    if (last && last.hours === hours[day]) last.to = day;
    else groups.push({ from: day, to: day, hours: hours[day] });
  }
  return groups
    .map((g) => {
      const days = g.from === g.to ? names[g.from] : `${names[g.from]}–${names[g.to]}`;
      return `${days} ${g.hours ? g.hours.replace('-', '–') : CLOSED[language]}`;
    })
    .join(', ');
}

/** Fills the placeholders of an answer with the municipality's facts; unknown page keys fall back to the home page. */
export function renderAnswer(template: string, ctx: RenderContext): string {
  const { municipality: m } = ctx;
  const values: Record<string, string> = {
    'municipality.name': m.name,
    'municipality.website': m.website,
    'contact.phone': m.contact.phone,
    'contact.email': m.contact.email,
    'contact.address': m.contact.address,
    'contact.openingHours': formatOpeningHours(m.contact.openingHours, ctx.language),
    'privacy.retentionDays': String(ctx.retentionDays),
  };
  return template
    .replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, name: string) => {
      if (name.startsWith('links.')) {
        const key = name.slice('links.'.length);
        if (key === 'privacy') return m.pages?.privacy ?? m.privacyStatementUrl ?? m.website;
        if (key === 'home') return m.website;
        return m.pages?.[key] ?? m.website;
      }
      return values[name] ?? '';
    })
    .trim();
}
