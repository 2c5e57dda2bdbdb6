import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { KommunechatError, SlugSchema, Type, WEEKDAYS, type Country } from '@kommunechat/protocol';
import { findMunicipalityBySlug, listMunicipalities, type Municipality } from '../../store/municipality.repository.ts';

/** The words of a demo site, per country (each demo municipality is written in its country's main language). */
const SITE = {
  no: {
    lang: 'nb',
    home: 'Forside',
    nav: 'Hovedmeny',
    contact: 'Kontakt oss',
    skip: 'Hopp til hovedinnhold',
    welcome: (name: string) => `Velkommen til ${name}`,
    intro:
      'Her finner du informasjon om tjenestene i kommunen. Lurer du på noe? Spør den digitale assistenten nede til høyre – den svarer døgnet rundt.',
    services: 'Tjenester',
    tiles: [
      ['Renovasjon', 'Tømmekalender, gebyrer og gjenvinningsstasjoner.'],
      ['Barnehage', 'Søk barnehageplass, priser og redusert foreldrebetaling.'],
      ['Skole og SFO', 'Skolebytte, skoleskyss og SFO-plass.'],
      ['Byggesak', 'Søknad om tiltak, gebyrer og saksbehandlingstid.'],
      ['Helse og omsorg', 'Fastlege, hjemmetjenester og legevakt.'],
      ['Vann og avløp', 'Vannlekkasje, målere og kommunale avgifter.'],
    ],
    news: 'Aktuelt',
    newsItems: ['Ny tømmekalender for neste år er klar', 'Søknadsfristen for barnehageplass nærmer seg'],
    phone: 'Telefon',
    email: 'E-post',
    address: 'Besøksadresse',
    hours: 'Åpningstider',
    closed: 'stengt',
    days: ['Mandag', 'Tirsdag', 'Onsdag', 'Torsdag', 'Fredag', 'Lørdag', 'Søndag'],
    demo: 'Dette er en demoside for kommunechat. Kommunen er oppdiktet.',
  },
  dk: {
    lang: 'da',
    home: 'Forside',
    nav: 'Hovedmenu',
    contact: 'Kontakt os',
    skip: 'Gå til hovedindhold',
    welcome: (name: string) => `Velkommen til ${name}`,
    intro:
      'Her finder du information om kommunens tilbud. Har du et spørgsmål? Spørg den digitale assistent nederst til højre – den svarer døgnet rundt.',
    services: 'Borger',
    tiles: [
      ['Affald og genbrug', 'Tømmekalender, storskrald og genbrugspladser.'],
      ['Dagtilbud', 'Skriv op til vuggestue og børnehave, priser og friplads.'],
      ['Skole og SFO', 'Indskrivning, skoleskift og befordring.'],
      ['Byggeri', 'Byggetilladelse, gebyrer og sagsbehandlingstid.'],
      ['Sundhed og ældre', 'Hjemmehjælp, genoptræning og hjælpemidler.'],
      ['Vand og kloak', 'Vandbrud, målere og forbrugsafgifter.'],
    ],
    news: 'Nyheder',
    newsItems: ['Ny tømmekalender for næste år er klar', 'Husk fristen for skoleindskrivning'],
    phone: 'Telefon',
    email: 'E-mail',
    address: 'Adresse',
    hours: 'Åbningstider',
    closed: 'lukket',
    days: ['Mandag', 'Tirsdag', 'Onsdag', 'Torsdag', 'Fredag', 'Lørdag', 'Søndag'],
    demo: 'Dette er en demoside for kommunechat. Kommunen er opdigtet.',
  },
  se: {
    lang: 'sv',
    home: 'Startsida',
    nav: 'Huvudmeny',
    contact: 'Kontakta oss',
    skip: 'Hoppa till huvudinnehåll',
    welcome: (name: string) => `Välkommen till ${name}`,
    intro:
      'Här hittar du information om kommunens tjänster. Undrar du något? Fråga den digitala assistenten nere till höger – den svarar dygnet runt.',
    services: 'Tjänster',
    tiles: [
      ['Avfall och återvinning', 'Hämtschema, avgifter och återvinningscentraler.'],
      ['Förskola', 'Ansök om förskoleplats, avgifter och maxtaxa.'],
      ['Skola och fritidshem', 'Skolval, skolskjuts och fritidshemsplats.'],
      ['Bygglov', 'Ansökan om bygglov, avgifter och handläggningstid.'],
      ['Vård och omsorg', 'Hemtjänst, trygghetslarm och färdtjänst.'],
      ['Vatten och avlopp', 'Vattenläcka, mätare och VA-avgifter.'],
    ],
    news: 'Nyheter',
    newsItems: ['Nytt hämtschema för nästa år är klart', 'Sista dag för ansökan om förskoleplats närmar sig'],
    phone: 'Telefon',
    email: 'E-post',
    address: 'Besöksadress',
    hours: 'Öppettider',
    closed: 'stängt',
    days: ['Måndag', 'Tisdag', 'Onsdag', 'Torsdag', 'Fredag', 'Lördag', 'Söndag'],
    demo: 'Det här är en demosida för kommunechat. Kommunen är påhittad.',
  },
} as const satisfies Record<Country, unknown>;

const CSS = `*{box-sizing:border-box}
body{margin:0;font:17px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;background:#f6f7f8}
a{color:var(--brand)}
.skip{position:absolute;left:-999px;top:8px;background:#fff;padding:8px 12px;z-index:10}
.skip:focus{left:8px}
header{background:var(--brand);color:#fff}
header .bar,main,footer .cols{max-width:1080px;margin:0 auto;padding:16px 20px}
header .bar{display:flex;flex-wrap:wrap;align-items:center;gap:16px;justify-content:space-between}
.brand{display:flex;align-items:center;gap:12px;color:#fff;text-decoration:none;font-size:22px;font-weight:700}
.brand img{width:44px;height:44px;background:#fff;border-radius:8px;padding:4px}
nav ul{display:flex;flex-wrap:wrap;gap:8px 20px;list-style:none;margin:0;padding:0}
nav a{color:#fff;font-weight:600}
h1{font-size:32px;line-height:1.2;margin:24px 0 8px}
.intro{font-size:19px;max-width:46em}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:16px;list-style:none;padding:0}
.tiles li{background:#fff;border:1px solid #c8ccd0;border-left:6px solid var(--brand);border-radius:6px;padding:14px 16px}
.tiles h3{margin:0 0 4px;font-size:19px}
.tiles p{margin:0;color:#444}
.news li{margin:6px 0}
footer{margin-top:40px;background:#23272b;color:#f1f1f1}
footer a{color:#fff}
footer .cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:24px}
footer h2{font-size:18px;margin:0 0 6px}
footer table{border-collapse:collapse}
footer th,footer td{text-align:left;font-weight:normal;padding:0 14px 0 0}
.demo{font-size:15px;color:#d0d0d0}
.contact dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 18px;background:#fff;padding:16px;border:1px solid #c8ccd0;border-radius:6px}
.contact dt{font-weight:700}
.contact dd{margin:0}
.index li{margin:10px 0;font-size:19px}
`;

/** The theme colour, re-checked because it ends up inside CSS and SVG. */
const colour = (m: Municipality) => (/^#[0-9a-fA-F]{6}$/.test(m.theme.colour) ? m.theme.colour : '#1f4e79');

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function hoursTable(m: Municipality, words: (typeof SITE)[Country]): string {
  const rows = WEEKDAYS.map(
    (d, i) =>
      `<tr><th scope="row">${words.days[i]}</th><td>${esc(m.contact.openingHours[d] ?? words.closed)}</td></tr>`,
  );
  return `<table><tbody>${rows.join('')}</tbody></table>`;
}

function contactList(m: Municipality, words: (typeof SITE)[Country]): string {
  const c = m.contact;
  return `<dl><dt>${words.phone}</dt><dd><a href="tel:${esc(c.phone.replace(/[^+\d]/g, ''))}">${esc(c.phone)}</a></dd>
<dt>${words.email}</dt><dd><a href="mailto:${esc(c.email)}">${esc(c.email)}</a></dd>
<dt>${words.address}</dt><dd>${esc(c.address)}</dd></dl>`;
}

/** One page of a demo municipality's website, with the widget's script tag as a municipality would add it. */
function page(m: Municipality, title: string, main: string): string {
  const w = SITE[m.country];
  const base = `/demo/${m.slug}`;
  return `<!doctype html>
<html lang="${w.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} – ${esc(m.name)}</title>
<link rel="stylesheet" href="/demo/demo.css">
<link rel="stylesheet" href="${base}/theme.css">
</head>
<body>
<a class="skip" href="#main">${w.skip}</a>
<header><div class="bar">
<a class="brand" href="${base}"><img src="${base}/logo.svg" alt="">${esc(m.name)}</a>
<nav aria-label="${w.nav}"><ul><li><a href="${base}">${w.home}</a></li><li><a href="${base}/kontakt">${w.contact}</a></li></ul></nav>
</div></header>
<main id="main">
${main}
</main>
<footer><div class="cols">
<section><h2>${esc(m.name)}</h2>${contactList(m, w)}</section>
<section><h2>${w.hours}</h2>${hoursTable(m, w)}</section>
<section><p class="demo">${w.demo}</p></section>
</div></footer>
<script src="/widget.js" data-municipality="${esc(m.slug)}" async></script>
</body>
</html>
`;
}

function homePage(m: Municipality): string {
  const w = SITE[m.country];
  const tiles = w.tiles.map(([h, p]) => `<li><h3>${h}</h3><p>${p}</p></li>`).join('');
  const news = w.newsItems.map((n) => `<li>${n}</li>`).join('');
  return page(
    m,
    w.home,
    `<h1>${esc(w.welcome(m.name))}</h1>
<p class="intro">${w.intro}</p>
<h2>${w.services}</h2>
<ul class="tiles">${tiles}</ul>
<h2>${w.news}</h2>
<ul class="news">${news}</ul>`,
  );
}

function contactPage(m: Municipality): string {
  const w = SITE[m.country];
  return page(
    m,
    w.contact,
    `<div class="contact"><h1>${w.contact}</h1>${contactList(m, w)}<h2>${w.hours}</h2>${hoursTable(m, w)}</div>`,
  );
}

function indexPage(all: Municipality[]): string {
  const items = all
    .map((m) => `<li><a href="/demo/${esc(m.slug)}">${esc(m.name)}</a> (${esc(m.languages.join(', '))})</li>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>kommunechat demo</title>
<link rel="stylesheet" href="/demo/demo.css"></head>
<body><main id="main" class="index">
<h1>kommunechat demo</h1>
<p class="intro">Each fictional municipality below has a small website with the kommunechat widget on it, added with one script tag.
Open the chat in the lower right corner and ask about waste collection, kindergarten places or building permits.</p>
<ul>${items}</ul>
<p>Staff console: <a href="/admin/">/admin/</a> · API: <a href="/api/docs">/api/docs</a></p>
</main></body></html>
`;
}

/** A simple emblem in the municipality's colour with its initial, so the demo sites and the widget have a logo. */
function logo(m: Municipality): string {
  const initial = esc([...m.name][0]?.toUpperCase() ?? '?');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><path d="M32 3 58 12v20c0 15-11 25-26 29C17 57 6 47 6 32V12z" fill="${colour(m)}"/><text x="32" y="42" font-family="Georgia,serif" font-size="28" font-weight="700" fill="#fff" text-anchor="middle">${initial}</text></svg>`;
}

const html = (reply: FastifyReply, body: string) =>
  reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(body);
const SlugParams = Type.Object({ slug: SlugSchema }, { additionalProperties: false });

/**
 * Demo websites of the example municipalities, each with the widget embedded by its script tag, so that
 * `npm start` shows kommunechat working at once. Everything is same-origin files: the strict CSP allows no inline
 * script or style.
 */
export const demoRoutes: FastifyPluginAsync = async (app) => {
  const db = () => app.runtime.store.db;
  const municipality = async (slug: string) => {
    const m = await findMunicipalityBySlug(db(), slug);
    if (!m) throw new KommunechatError('not_found', 'No such municipality.');
    return m;
  };
  const hide = { schema: { hide: true } };

  app.get('/demo', hide, async (_req, reply) => reply.redirect('/demo/'));
  app.get('/demo/', hide, async (_req, reply) => html(reply, indexPage(await listMunicipalities(db()))));
  app.get('/demo/demo.css', hide, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(CSS),
  );
  app.get('/demo/:slug', { schema: { hide: true, params: SlugParams } }, async (req, reply) =>
    html(reply, homePage(await municipality((req.params as { slug: string }).slug))),
  );
  app.get('/demo/:slug/kontakt', { schema: { hide: true, params: SlugParams } }, async (req, reply) =>
    html(reply, contactPage(await municipality((req.params as { slug: string }).slug))),
  );
  app.get('/demo/:slug/theme.css', { schema: { hide: true, params: SlugParams } }, async (req, reply) => {
    const m = await municipality((req.params as { slug: string }).slug);
    return reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(`:root{--brand:${colour(m)}}`);
  });
  app.get('/demo/:slug/logo.svg', { schema: { hide: true, params: SlugParams } }, async (req, reply) => {
    const m = await municipality((req.params as { slug: string }).slug);
    // The widget shows this logo on any allowed website, not only on ours.
    return reply
      .type('image/svg+xml')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', 'public, max-age=300')
      .send(logo(m));
  });
};
