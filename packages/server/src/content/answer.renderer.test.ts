import { describe, expect, it } from 'vitest';
import { formatOpeningHours, renderAnswer } from './answer.renderer.ts';

const facts = {
  name: 'Testvik kommune',
  website: 'https://testvik.example',
  contact: {
    phone: '+47 00 00 00 00',
    email: 'post@testvik.example',
    address: 'Rådhusplassen 1',
    openingHours: { mon: '08:00-15:30', tue: '08:00-15:30', wed: '08:00-15:30', thu: '08:00-18:00', fri: '08:00-15:30', sat: null, sun: null },
  },
  pages: { waste: 'https://testvik.example/avfall' },
};

describe('answer rendering', () => {
  it('groups opening hours by equal days in the reply language', () => {
    expect(formatOpeningHours(facts.contact.openingHours, 'nb')).toBe('man–ons 08:00–15:30, tor 08:00–18:00, fre 08:00–15:30, lør–søn stengt');
    expect(formatOpeningHours(facts.contact.openingHours, 'en')).toBe('Mon–Wed 08:00–15:30, Thu 08:00–18:00, Fri 08:00–15:30, Sat–Sun closed');
  });

  it('fills every placeholder, and links to the home page for pages the municipality has not configured', () => {
    const text = renderAnswer(
      'Ring {{contact.phone}} eller se [avfall]({{links.waste}}) og [skole]({{ links.school }}). {{municipality.name}} lagrer i {{privacy.retentionDays}} dager.',
      { language: 'nb', municipality: facts, retentionDays: 21 },
    );
    expect(text).toBe('Ring +47 00 00 00 00 eller se [avfall](https://testvik.example/avfall) og [skole](https://testvik.example). Testvik kommune lagrer i 21 dager.');
  });
});
