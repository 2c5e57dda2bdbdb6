import type { Language } from '@kommunechat/protocol';

/** Every text the widget itself shows, in each language it speaks. Answers come from the server. */
export interface WidgetTexts {
  launcher: string;
  openChat: string;
  assistant: string;
  close: string;
  menu: string;
  loading: string;
  loadFailed: string;
  tryAgain: string;
  actionFailed: string;
  noticeTitle: string;
  noticeAi: (name: string) => string;
  noticeStored: (days: number) => string;
  noticeAdvice: string;
  privacyStatement: string;
  start: string;
  conversation: string;
  you: string;
  inputLabel: string;
  placeholder: string;
  send: string;
  typing: string;
  sending: string;
  notSent: string;
  offline: string;
  rateLimited: string;
  gone: string;
  suggestions: string;
  newTab: string;
  language: string;
  readAloud: string;
  speak: string;
  listening: string;
  downloadJson: string;
  downloadText: string;
  deleteConversation: string;
  deleteConfirm: string;
  deleteYes: string;
  cancel: string;
  deleted: (messages: number) => string;
  endConversation: string;
  helped: string;
  yes: string;
  no: string;
  thanks: string;
  stillYours: string;
  ended: string;
  newConversation: string;
  contact: string;
  phone: string;
  email: string;
  address: string;
  openingHours: string;
  closed: string;
  waitingPerson: string;
  stopWaiting: string;
  stoppedWaiting: string;
  personJoined: string;
  personLeft: string;
  agent: string;
  agentTyping: string;
}

const nb: WidgetTexts = {
  launcher: 'Chat',
  openChat: 'Åpne chat med den digitale assistenten',
  assistant: 'Digital assistent',
  close: 'Lukk chatten',
  menu: 'Hjelp og personvern',
  loading: 'Laster …',
  loadFailed: 'Chatten kunne ikke lastes.',
  tryAgain: 'Prøv igjen',
  actionFailed: 'Det gikk ikke. Sjekk tilkoblingen og prøv igjen.',
  noticeTitle: 'Før du begynner',
  noticeAi: (name) =>
    `Dette er en automatisk assistent (chatbot) for ${name}, ikke et menneske. Svarene er kvalitetssikret av kommunen.`,
  noticeStored: (days) =>
    `Samtalen lagres i ${days} dager etter siste melding og slettes deretter. Personopplysninger du skriver, blir maskert før de lagres. Vi bruker ikke informasjonskapsler.`,
  noticeAdvice: 'Ikke skriv personopplysninger som fødselsnummer, helseopplysninger eller adresse.',
  privacyStatement: 'Personvernerklæring',
  start: 'Start samtalen',
  conversation: 'Samtale',
  you: 'Du',
  inputLabel: 'Din melding',
  placeholder: 'Skriv spørsmålet ditt …',
  send: 'Send',
  typing: 'Assistenten skriver …',
  sending: 'Sender …',
  notSent: 'Meldingen ble ikke sendt.',
  offline: 'Du er frakoblet. Meldingen sendes når du er på nett igjen.',
  rateLimited: 'For mange meldinger på kort tid. Vent litt og prøv igjen.',
  gone: 'Denne samtalen finnes ikke lenger.',
  suggestions: 'Forslag',
  newTab: '(åpnes i ny fane)',
  language: 'Språk',
  readAloud: 'Les svarene høyt',
  speak: 'Snakk i stedet for å skrive',
  listening: 'Lytter …',
  downloadJson: 'Last ned samtalen (JSON)',
  downloadText: 'Last ned samtalen (tekst)',
  deleteConversation: 'Slett samtalen',
  deleteConfirm: 'Vil du slette samtalen for godt? Det kan ikke angres.',
  deleteYes: 'Ja, slett',
  cancel: 'Avbryt',
  deleted: (n) =>
    `Samtalen er slettet (${n} meldinger). Ingenting av den finnes lenger hos kommunen eller i denne nettleseren.`,
  endConversation: 'Avslutt samtalen',
  helped: 'Fikk du hjelp?',
  yes: 'Ja',
  no: 'Nei',
  thanks: 'Takk for tilbakemeldingen.',
  stillYours: 'Du kan fortsatt laste ned eller slette samtalen.',
  ended: 'Samtalen er avsluttet.',
  newConversation: 'Start en ny samtale',
  contact: 'Kontakt',
  phone: 'Telefon',
  email: 'E-post',
  address: 'Adresse',
  openingHours: 'Åpningstider',
  closed: 'stengt',
  waitingPerson: 'Venter på en person fra kommunen …',
  stopWaiting: 'Slutt å vente',
  stoppedWaiting: 'Du venter ikke lenger. Assistenten kan fortsatt hjelpe deg.',
  personJoined: 'En person fra kommunen er med i chatten nå.',
  personLeft: 'Personen har forlatt chatten.',
  agent: 'Saksbehandler',
  agentTyping: 'Saksbehandleren skriver …',
};

const nn: WidgetTexts = {
  launcher: 'Chat',
  openChat: 'Opne chat med den digitale assistenten',
  assistant: 'Digital assistent',
  close: 'Lukk chatten',
  menu: 'Hjelp og personvern',
  loading: 'Lastar …',
  loadFailed: 'Chatten kunne ikkje lastast.',
  tryAgain: 'Prøv igjen',
  actionFailed: 'Det gjekk ikkje. Sjekk tilkoplinga og prøv igjen.',
  noticeTitle: 'Før du byrjar',
  noticeAi: (name) =>
    `Dette er ein automatisk assistent (chatbot) for ${name}, ikkje eit menneske. Svara er kvalitetssikra av kommunen.`,
  noticeStored: (days) =>
    `Samtalen blir lagra i ${days} dagar etter siste melding og blir så sletta. Personopplysningar du skriv, blir maskerte før dei blir lagra. Vi bruker ikkje informasjonskapslar.`,
  noticeAdvice: 'Ikkje skriv personopplysningar som fødselsnummer, helseopplysningar eller adresse.',
  privacyStatement: 'Personvernerklæring',
  start: 'Start samtalen',
  conversation: 'Samtale',
  you: 'Du',
  inputLabel: 'Meldinga di',
  placeholder: 'Skriv spørsmålet ditt …',
  send: 'Send',
  typing: 'Assistenten skriv …',
  sending: 'Sender …',
  notSent: 'Meldinga vart ikkje send.',
  offline: 'Du er fråkopla. Meldinga blir send når du er på nett igjen.',
  rateLimited: 'For mange meldingar på kort tid. Vent litt og prøv igjen.',
  gone: 'Denne samtalen finst ikkje lenger.',
  suggestions: 'Forslag',
  newTab: '(opnar i ny fane)',
  language: 'Språk',
  readAloud: 'Les svara høgt',
  speak: 'Snakk i staden for å skrive',
  listening: 'Lyttar …',
  downloadJson: 'Last ned samtalen (JSON)',
  downloadText: 'Last ned samtalen (tekst)',
  deleteConversation: 'Slett samtalen',
  deleteConfirm: 'Vil du slette samtalen for godt? Det kan ikkje angrast.',
  deleteYes: 'Ja, slett',
  cancel: 'Avbryt',
  deleted: (n) =>
    `Samtalen er sletta (${n} meldingar). Ingenting av han finst lenger hos kommunen eller i denne nettlesaren.`,
  endConversation: 'Avslutt samtalen',
  helped: 'Fekk du hjelp?',
  yes: 'Ja',
  no: 'Nei',
  thanks: 'Takk for tilbakemeldinga.',
  stillYours: 'Du kan framleis laste ned eller slette samtalen.',
  ended: 'Samtalen er avslutta.',
  newConversation: 'Start ein ny samtale',
  contact: 'Kontakt',
  phone: 'Telefon',
  email: 'E-post',
  address: 'Adresse',
  openingHours: 'Opningstider',
  closed: 'stengt',
  waitingPerson: 'Ventar på ein person frå kommunen …',
  stopWaiting: 'Slutt å venta',
  stoppedWaiting: 'Du ventar ikkje lenger. Assistenten kan framleis hjelpe deg.',
  personJoined: 'Ein person frå kommunen er med i chatten no.',
  personLeft: 'Personen har forlate chatten.',
  agent: 'Sakshandsamar',
  agentTyping: 'Sakshandsamaren skriv …',
};

const da: WidgetTexts = {
  launcher: 'Chat',
  openChat: 'Åbn chat med den digitale assistent',
  assistant: 'Digital assistent',
  close: 'Luk chatten',
  menu: 'Hjælp og privatliv',
  loading: 'Indlæser …',
  loadFailed: 'Chatten kunne ikke indlæses.',
  tryAgain: 'Prøv igen',
  actionFailed: 'Det lykkedes ikke. Tjek forbindelsen, og prøv igen.',
  noticeTitle: 'Før du begynder',
  noticeAi: (name) =>
    `Dette er en automatisk assistent (chatbot) for ${name}, ikke et menneske. Svarene er kvalitetssikret af kommunen.`,
  noticeStored: (days) =>
    `Samtalen gemmes i ${days} dage efter sidste besked og slettes derefter. Personoplysninger, du skriver, maskeres, før de gemmes. Vi bruger ikke cookies.`,
  noticeAdvice: 'Skriv ikke personoplysninger som CPR-nummer, helbredsoplysninger eller adresse.',
  privacyStatement: 'Privatlivspolitik',
  start: 'Start samtalen',
  conversation: 'Samtale',
  you: 'Dig',
  inputLabel: 'Din besked',
  placeholder: 'Skriv dit spørgsmål …',
  send: 'Send',
  typing: 'Assistenten skriver …',
  sending: 'Sender …',
  notSent: 'Beskeden blev ikke sendt.',
  offline: 'Du er offline. Beskeden sendes, når du er online igen.',
  rateLimited: 'For mange beskeder på kort tid. Vent lidt, og prøv igen.',
  gone: 'Denne samtale findes ikke længere.',
  suggestions: 'Forslag',
  newTab: '(åbner i en ny fane)',
  language: 'Sprog',
  readAloud: 'Læs svarene højt',
  speak: 'Tal i stedet for at skrive',
  listening: 'Lytter …',
  downloadJson: 'Download samtalen (JSON)',
  downloadText: 'Download samtalen (tekst)',
  deleteConversation: 'Slet samtalen',
  deleteConfirm: 'Vil du slette samtalen for altid? Det kan ikke fortrydes.',
  deleteYes: 'Ja, slet',
  cancel: 'Annuller',
  deleted: (n) =>
    `Samtalen er slettet (${n} beskeder). Intet af den findes længere hos kommunen eller i denne browser.`,
  endConversation: 'Afslut samtalen',
  helped: 'Fik du hjælp?',
  yes: 'Ja',
  no: 'Nej',
  thanks: 'Tak for din tilbagemelding.',
  stillYours: 'Du kan stadig downloade eller slette samtalen.',
  ended: 'Samtalen er afsluttet.',
  newConversation: 'Start en ny samtale',
  contact: 'Kontakt',
  phone: 'Telefon',
  email: 'E-mail',
  address: 'Adresse',
  openingHours: 'Åbningstider',
  closed: 'lukket',
  waitingPerson: 'Venter på en medarbejder fra kommunen …',
  stopWaiting: 'Stop med at vente',
  stoppedWaiting: 'Du venter ikke længere. Assistenten kan stadig hjælpe dig.',
  personJoined: 'En medarbejder fra kommunen er med i chatten nu.',
  personLeft: 'Medarbejderen har forladt chatten.',
  agent: 'Medarbejder',
  agentTyping: 'Medarbejderen skriver …',
};

const sv: WidgetTexts = {
  launcher: 'Chatt',
  openChat: 'Öppna chatt med den digitala assistenten',
  assistant: 'Digital assistent',
  close: 'Stäng chatten',
  menu: 'Hjälp och integritet',
  loading: 'Laddar …',
  loadFailed: 'Chatten kunde inte laddas.',
  tryAgain: 'Försök igen',
  actionFailed: 'Det gick inte. Kontrollera anslutningen och försök igen.',
  noticeTitle: 'Innan du börjar',
  noticeAi: (name) =>
    `Det här är en automatisk assistent (chattbot) för ${name}, inte en människa. Svaren är kvalitetssäkrade av kommunen.`,
  noticeStored: (days) =>
    `Samtalet sparas i ${days} dagar efter sista meddelandet och raderas sedan. Personuppgifter som du skriver maskeras innan de sparas. Vi använder inga kakor.`,
  noticeAdvice: 'Skriv inte personuppgifter som personnummer, hälsouppgifter eller adress.',
  privacyStatement: 'Integritetspolicy',
  start: 'Starta samtalet',
  conversation: 'Samtal',
  you: 'Du',
  inputLabel: 'Ditt meddelande',
  placeholder: 'Skriv din fråga …',
  send: 'Skicka',
  typing: 'Assistenten skriver …',
  sending: 'Skickar …',
  notSent: 'Meddelandet skickades inte.',
  offline: 'Du är offline. Meddelandet skickas när du är online igen.',
  rateLimited: 'För många meddelanden på kort tid. Vänta lite och försök igen.',
  gone: 'Det här samtalet finns inte längre.',
  suggestions: 'Förslag',
  newTab: '(öppnas i en ny flik)',
  language: 'Språk',
  readAloud: 'Läs upp svaren',
  speak: 'Prata i stället för att skriva',
  listening: 'Lyssnar …',
  downloadJson: 'Ladda ner samtalet (JSON)',
  downloadText: 'Ladda ner samtalet (text)',
  deleteConversation: 'Radera samtalet',
  deleteConfirm: 'Vill du radera samtalet för gott? Det går inte att ångra.',
  deleteYes: 'Ja, radera',
  cancel: 'Avbryt',
  deleted: (n) =>
    `Samtalet är raderat (${n} meddelanden). Inget av det finns kvar hos kommunen eller i den här webbläsaren.`,
  endConversation: 'Avsluta samtalet',
  helped: 'Fick du hjälp?',
  yes: 'Ja',
  no: 'Nej',
  thanks: 'Tack för din återkoppling.',
  stillYours: 'Du kan fortfarande ladda ner eller radera samtalet.',
  ended: 'Samtalet är avslutat.',
  newConversation: 'Starta ett nytt samtal',
  contact: 'Kontakt',
  phone: 'Telefon',
  email: 'E-post',
  address: 'Adress',
  openingHours: 'Öppettider',
  closed: 'stängt',
  waitingPerson: 'Väntar på en person från kommunen …',
  stopWaiting: 'Sluta vänta',
  stoppedWaiting: 'Du väntar inte längre. Assistenten kan fortfarande hjälpa dig.',
  personJoined: 'En person från kommunen är med i chatten nu.',
  personLeft: 'Personen har lämnat chatten.',
  agent: 'Handläggare',
  agentTyping: 'Handläggaren skriver …',
};

const en: WidgetTexts = {
  launcher: 'Chat',
  openChat: 'Open chat with the digital assistant',
  assistant: 'Digital assistant',
  close: 'Close the chat',
  menu: 'Help and privacy',
  loading: 'Loading …',
  loadFailed: 'The chat could not be loaded.',
  tryAgain: 'Try again',
  actionFailed: 'That did not work. Check your connection and try again.',
  noticeTitle: 'Before you start',
  noticeAi: (name) =>
    `This is an automated assistant (a chatbot) for ${name}, not a person. Its answers are quality-assured by the municipality.`,
  noticeStored: (days) =>
    `The conversation is kept for ${days} days after the last message and then deleted. Personal data you type is masked before it is stored. No cookies are used.`,
  noticeAdvice: 'Please do not write personal data such as ID numbers, health information or your address.',
  privacyStatement: 'Privacy statement',
  start: 'Start the conversation',
  conversation: 'Conversation',
  you: 'You',
  inputLabel: 'Your message',
  placeholder: 'Write your question …',
  send: 'Send',
  typing: 'The assistant is writing …',
  sending: 'Sending …',
  notSent: 'Your message was not sent.',
  offline: 'You are offline. Your message will be sent when you are back online.',
  rateLimited: 'Too many messages in a short time. Wait a moment and try again.',
  gone: 'This conversation no longer exists.',
  suggestions: 'Suggestions',
  newTab: '(opens in a new tab)',
  language: 'Language',
  readAloud: 'Read answers aloud',
  speak: 'Speak instead of typing',
  listening: 'Listening …',
  downloadJson: 'Download the conversation (JSON)',
  downloadText: 'Download the conversation (text)',
  deleteConversation: 'Delete the conversation',
  deleteConfirm: 'Delete the conversation for good? This cannot be undone.',
  deleteYes: 'Yes, delete',
  cancel: 'Cancel',
  deleted: (n) =>
    `The conversation has been deleted (${n} messages). Nothing of it remains with the municipality or in this browser.`,
  endConversation: 'End the conversation',
  helped: 'Did this help you?',
  yes: 'Yes',
  no: 'No',
  thanks: 'Thank you for your feedback.',
  stillYours: 'You can still download or delete the conversation.',
  ended: 'The conversation has ended.',
  newConversation: 'Start a new conversation',
  contact: 'Contact',
  phone: 'Phone',
  email: 'E-mail',
  address: 'Address',
  openingHours: 'Opening hours',
  closed: 'closed',
  waitingPerson: 'Waiting for a person from the municipality …',
  stopWaiting: 'Stop waiting',
  stoppedWaiting: 'You are no longer waiting. The assistant can still help you.',
  personJoined: 'A person from the municipality has joined the chat.',
  personLeft: 'The person has left the chat.',
  agent: 'Staff member',
  agentTyping: 'The staff member is typing …',
};

export const TEXTS: Record<Language, WidgetTexts> = { nb, nn, da, sv, en };

/** Each language named in itself, for the language switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  nb: 'Norsk bokmål',
  nn: 'Norsk nynorsk',
  da: 'Dansk',
  sv: 'Svenska',
  en: 'English',
};

/** BCP 47 tags for speech recognition and synthesis, which want a region. */
export const SPEECH_LOCALES: Record<Language, string> = {
  nb: 'nb-NO',
  nn: 'nn-NO',
  da: 'da-DK',
  sv: 'sv-SE',
  en: 'en-GB',
};

/** The widget language for a page language tag such as `nb-NO`, `no`, `da` or `sv-SE`; undefined if none fits. */
export function languageOfTag(tag: string | null | undefined): Language | undefined {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  if (primary === 'no' || primary === 'nb') return 'nb';
  if (primary === 'nn' || primary === 'da' || primary === 'sv' || primary === 'en') return primary;
  return undefined;
}
