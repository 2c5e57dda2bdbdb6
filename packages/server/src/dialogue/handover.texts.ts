import type { Language } from '@kommunechat/protocol';

/**
 * What the bot says around a handover, in every language, with the answer base's placeholders. Kept with the
 * handover rather than in content/system.yaml so the live chat can change without touching the shared answers.
 */
export const HANDOVER_TEXT_KEYS = [
  'offer',
  'unavailable',
  'chatLabel',
  'leaveLabel',
  'waiting',
  'leaveMessage',
  'messageLeft',
  'joined',
  'released',
  'disconnected',
  'closed',
] as const;
export type HandoverTextKey = (typeof HANDOVER_TEXT_KEYS)[number];

export const HANDOVER_TEXTS: Readonly<Record<HandoverTextKey, Readonly<Record<Language, string>>>> = {
  offer: {
    nb: 'En person fra {{municipality.name}} kan chatte med deg nå. Vil du det?',
    nn: 'Ein person frå {{municipality.name}} kan chatte med deg no. Vil du det?',
    da: 'En medarbejder fra {{municipality.name}} kan chatte med dig nu. Vil du det?',
    sv: 'En person från {{municipality.name}} kan chatta med dig nu. Vill du det?',
    en: 'A person from {{municipality.name}} can chat with you now. Would you like that?',
  },
  unavailable: {
    nb: 'Ingen er ledige i chatten akkurat nå. {{municipality.name}} har åpent {{contact.openingHours}}, telefon {{contact.phone}}, e-post {{contact.email}}. Du kan også legge igjen en melding her. Den lagres maskert sammen med samtalen (navn, tall, adresser og andre personopplysninger fjernes) og slettes etter {{privacy.retentionDays}} dager.',
    nn: 'Ingen er ledige i chatten akkurat no. {{municipality.name}} har ope {{contact.openingHours}}, telefon {{contact.phone}}, e-post {{contact.email}}. Du kan òg leggje att ei melding her. Ho blir lagra maskert saman med samtalen (namn, tal, adresser og andre personopplysningar blir fjerna) og sletta etter {{privacy.retentionDays}} dagar.',
    da: 'Ingen er ledige i chatten lige nu. {{municipality.name}} har åbent {{contact.openingHours}}, telefon {{contact.phone}}, e-mail {{contact.email}}. Du kan også lægge en besked her. Den gemmes maskeret sammen med samtalen (navne, tal, adresser og andre personoplysninger fjernes) og slettes efter {{privacy.retentionDays}} dage.',
    sv: 'Ingen är ledig i chatten just nu. {{municipality.name}} har öppet {{contact.openingHours}}, telefon {{contact.phone}}, e-post {{contact.email}}. Du kan också lämna ett meddelande här. Det sparas maskerat med samtalet (namn, nummer, adresser och andra personuppgifter tas bort) och raderas efter {{privacy.retentionDays}} dagar.',
    en: 'Nobody is available to chat right now. {{municipality.name}} is open {{contact.openingHours}}, phone {{contact.phone}}, e-mail {{contact.email}}. You can also leave a message here. It is stored masked with this conversation (names, numbers, addresses and other personal data are removed) and deleted after {{privacy.retentionDays}} days.',
  },
  chatLabel: {
    nb: 'Chat med en person',
    nn: 'Chat med ein person',
    da: 'Chat med en medarbejder',
    sv: 'Chatta med en person',
    en: 'Chat with a person',
  },
  leaveLabel: {
    nb: 'Legg igjen en melding',
    nn: 'Legg att ei melding',
    da: 'Læg en besked',
    sv: 'Lämna ett meddelande',
    en: 'Leave a message',
  },
  waiting: {
    nb: 'Jeg ber en person om å ta over. Du står i kø, vent litt.',
    nn: 'Eg ber ein person om å ta over. Du står i kø, vent litt.',
    da: 'Jeg beder en medarbejder om at tage over. Du står i kø, vent venligst.',
    sv: 'Jag ber en person att ta över. Du står i kö, vänta en stund.',
    en: 'I am asking a person to take over. You are in the queue; please wait.',
  },
  leaveMessage: {
    nb: 'Skriv meldingen din i én melding. Den lagres maskert: personopplysninger fjernes, så ikke skriv telefonnummer eller navn. Den slettes etter {{privacy.retentionDays}} dager.',
    nn: 'Skriv meldinga di i éi melding. Ho blir lagra maskert: personopplysningar blir fjerna, så ikkje skriv telefonnummer eller namn. Ho blir sletta etter {{privacy.retentionDays}} dagar.',
    da: 'Skriv din besked i én besked. Den gemmes maskeret: personoplysninger fjernes, så skriv ikke telefonnummer eller navn. Den slettes efter {{privacy.retentionDays}} dage.',
    sv: 'Skriv ditt meddelande i ett enda meddelande. Det sparas maskerat: personuppgifter tas bort, så skriv inte telefonnummer eller namn. Det raderas efter {{privacy.retentionDays}} dagar.',
    en: 'Write your message in one go. It is stored masked: personal data is removed, so do not write phone numbers or names. It is deleted after {{privacy.retentionDays}} days.',
  },
  messageLeft: {
    nb: 'Takk, meldingen er lagt igjen til {{municipality.name}}.',
    nn: 'Takk, meldinga er lagd att til {{municipality.name}}.',
    da: 'Tak, beskeden er lagt til {{municipality.name}}.',
    sv: 'Tack, meddelandet är lämnat till {{municipality.name}}.',
    en: 'Thank you, your message has been left for {{municipality.name}}.',
  },
  joined: {
    nb: 'En person fra {{municipality.name}} har kommet inn i chatten.',
    nn: 'Ein person frå {{municipality.name}} har kome inn i chatten.',
    da: 'En medarbejder fra {{municipality.name}} er kommet ind i chatten.',
    sv: 'En person från {{municipality.name}} har anslutit till chatten.',
    en: 'A person from {{municipality.name}} has joined the chat.',
  },
  released: {
    nb: 'Personen har forlatt chatten. Du snakker med den automatiske assistenten igjen.',
    nn: 'Personen har forlate chatten. Du snakkar med den automatiske assistenten igjen.',
    da: 'Medarbejderen har forladt chatten. Du taler med den automatiske assistent igen.',
    sv: 'Personen har lämnat chatten. Du pratar med den automatiska assistenten igen.',
    en: 'The person has left the chat. You are talking to the automated assistant again.',
  },
  disconnected: {
    nb: 'Personen mistet forbindelsen. Du står i kø igjen, og en annen tar over så snart som mulig.',
    nn: 'Personen mista sambandet. Du står i kø igjen, og ein annan tek over så snart som mogleg.',
    da: 'Medarbejderen mistede forbindelsen. Du står i kø igen, og en anden tager over hurtigst muligt.',
    sv: 'Personen tappade anslutningen. Du står i kö igen, och någon annan tar över så snart som möjligt.',
    en: 'The person lost the connection. You are back in the queue; someone else will take over as soon as possible.',
  },
  closed: {
    nb: 'Chatten med {{municipality.name}} er avsluttet. Takk!',
    nn: 'Chatten med {{municipality.name}} er avslutta. Takk!',
    da: 'Chatten med {{municipality.name}} er afsluttet. Tak!',
    sv: 'Chatten med {{municipality.name}} är avslutad. Tack!',
    en: 'The chat with {{municipality.name}} has ended. Thank you!',
  },
};
