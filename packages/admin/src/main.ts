// The admin console: a small single-page app over the admin API. Every text from the server is inserted as text.
import type {
  SessionResponse,
  SsoProviderList,
  SsoSettingsResponse,
  StaffUser,
  StatsResponse,
} from '@kommunechat/protocol';
import { agentView } from './agent.view.ts';
import { staffView } from './staff.view.ts';
import { api, ApiError, csvUrl, ssoStartUrl } from './api.ts';
import { barChart } from './chart.ts';
import { fromLocalInput, toLocalInput } from './datetime.ts';
import { formValues, h, show } from './dom.ts';

type Section = 'answers' | 'logs' | 'worklist' | 'stats' | 'settings' | 'staff' | 'audit' | 'agent';
const SECTIONS: { id: Section; label: string; roles: string[]; platform: boolean }[] = [
  { id: 'answers', label: 'Answers', roles: ['municipality_admin', 'editor'], platform: true },
  { id: 'logs', label: 'Chat logs', roles: ['reviewer'], platform: false },
  { id: 'worklist', label: 'Worklist', roles: ['reviewer'], platform: false },
  { id: 'stats', label: 'Statistics', roles: ['municipality_admin', 'analyst'], platform: true },
  { id: 'settings', label: 'Settings', roles: ['municipality_admin'], platform: true },
  { id: 'staff', label: 'Staff', roles: ['municipality_admin'], platform: true },
  { id: 'audit', label: 'Audit log', roles: ['municipality_admin'], platform: true },
  { id: 'agent', label: 'Live chat', roles: ['agent'], platform: false },
];

let user: StaffUser | null = null;
let municipalities: { slug: string; name: string }[] = [];

const status = () => document.getElementById('status')!;
function say(message: string): void {
  status().textContent = message;
}
function fail(err: unknown): void {
  if (err instanceof ApiError && err.status === 401) {
    user = null;
    location.hash = '#/login';
    return;
  }
  say(err instanceof Error ? err.message : String(err));
}

function sectionsFor(slug: string) {
  const roles = user?.memberships.find((m) => m.municipality.slug === slug)?.roles ?? [];
  return SECTIONS.filter(
    (s) => s.roles.some((r) => (roles as string[]).includes(r)) || (user?.platformAdmin && s.platform),
  );
}

function renderHeader(slug?: string): void {
  const header = document.getElementById('top')!;
  header.replaceChildren();
  if (!user) return;
  // A choice in the list changes nothing by itself (WCAG 3.2.2): the button opens the chosen municipality.
  const select = h(
    'select',
    { 'aria-label': 'Municipality', name: 'municipality' },
    municipalities.map((m) => h('option', { value: m.slug, ...(m.slug === slug ? { selected: true } : {}) }, m.name)),
  );
  const picker = h(
    'form',
    {
      class: 'picker',
      onsubmit: (e: Event) => {
        e.preventDefault();
        location.hash = `#/m/${select.value}`;
      },
    },
    select,
    h('button', { type: 'submit' }, 'Open'),
  );
  const nav = slug
    ? h(
        'nav',
        { 'aria-label': 'Sections' },
        h(
          'ul',
          {},
          sectionsFor(slug).map((s) => h('li', {}, h('a', { href: `#/m/${slug}/${s.id}` }, s.label))),
        ),
      )
    : null;
  header.append(
    h('span', { class: 'brand' }, 'kommunechat admin'),
    picker,
    nav ?? '',
    h('span', { class: 'who' }, user.email),
    h('button', { type: 'button', onclick: () => void logout() }, 'Sign out'),
  );
}

async function logout(): Promise<void> {
  await api('POST', '/auth/logout').catch(() => undefined);
  user = null;
  location.hash = '#/login';
}

async function afterLogin(session: SessionResponse): Promise<void> {
  user = session.user;
  municipalities = (await api<{ municipalities: { slug: string; name: string }[] }>('GET', '/municipalities'))
    .municipalities;
  if (location.hash.startsWith('#/m/')) await route();
  else location.hash = municipalities[0] ? `#/m/${municipalities[0].slug}` : '#/';
}

// Views ---------------------------------------------------------------------------------------------------------

function loginView(): void {
  const form = h(
    'form',
    {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          const session = await api<SessionResponse>('POST', '/auth/login', formValues(form));
          if (session.mfaRequired) totpView();
          else await afterLogin(session);
        } catch (err) {
          say(err instanceof Error ? err.message : String(err));
        }
      },
    },
    h('label', {}, 'E-mail', h('input', { name: 'email', type: 'email', autocomplete: 'username', required: true })),
    h(
      'label',
      {},
      'Password',
      h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    ),
    h('button', { type: 'submit' }, 'Sign in'),
  );
  show(h('h1', {}, 'Sign in'), form);
  const problem = new URLSearchParams(location.search).get('sso');
  if (problem) {
    say(SSO_PROBLEMS[problem] ?? SSO_PROBLEMS.failed!);
    history.replaceState(null, '', location.pathname + location.hash);
  }
  void api<SsoProviderList>('GET', '/auth/sso').then(({ providers }) => {
    if (providers.length === 0) return;
    form.after(
      h(
        'section',
        { 'aria-labelledby': 'sso-heading' },
        h('h2', { id: 'sso-heading' }, 'Or sign in with your municipality’s account'),
        h(
          'ul',
          { class: 'sso' },
          providers.map((p) =>
            h('li', {}, h('a', { class: 'button', href: ssoStartUrl(p.slug) }, `Sign in with ${p.name}`)),
          ),
        ),
      ),
    );
  }, fail);
}

/** What the console says when the identity provider sent the browser back without a session. */
const SSO_PROBLEMS: Record<string, string> = {
  unavailable: 'Single sign-on is not available for this municipality right now. Sign in with your password.',
  failed: 'Single sign-on did not complete. Please try again.',
  denied:
    'Your account cannot sign in this way. Ask a municipality admin to invite you, or sign in with your password.',
};

function totpView(): void {
  const form = h(
    'form',
    {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          await afterLogin(await api<SessionResponse>('POST', '/auth/totp', formValues(form)));
        } catch (err) {
          say(err instanceof Error ? err.message : String(err));
        }
      },
    },
    h(
      'label',
      {},
      'Code from your authenticator app',
      h('input', {
        name: 'code',
        inputmode: 'numeric',
        pattern: '[0-9]{6}',
        autocomplete: 'one-time-code',
        required: true,
      }),
    ),
    h('button', { type: 'submit' }, 'Continue'),
  );
  show(h('h1', {}, 'Second factor'), form);
}

function inviteView(token: string): void {
  const form = h(
    'form',
    {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          await api('POST', '/auth/invite', { token, password: formValues(form).password });
          say('Password set. You can sign in now.');
          location.hash = '#/login';
        } catch (err) {
          fail(err);
        }
      },
    },
    h(
      'label',
      {},
      'New password (at least 12 characters)',
      h('input', { name: 'password', type: 'password', minlength: 12, autocomplete: 'new-password', required: true }),
    ),
    h('button', { type: 'submit' }, 'Set password'),
  );
  show(h('h1', {}, 'Welcome: choose a password'), form);
}

interface IntentSummary {
  id: string;
  area: string;
  title: string;
  overridden: string[];
}

async function answersView(slug: string): Promise<void> {
  const { intents } = await api<{ intents: IntentSummary[] }>('GET', `/municipalities/${slug}/intents`);
  const areas = [...new Set(intents.map((i) => i.area))];
  show(
    h('h1', {}, 'Answers'),
    areas.map((area) =>
      h(
        'section',
        {},
        h('h2', {}, area),
        h(
          'ul',
          { class: 'intents' },
          intents
            .filter((i) => i.area === area)
            .map((i) =>
              h(
                'li',
                {},
                h('a', { href: `#/m/${slug}/answers/${i.id}` }, i.title),
                ' ',
                h('code', {}, i.id),
                i.overridden.length ? h('span', { class: 'tag' }, `own: ${i.overridden.join(', ')}`) : '',
              ),
            ),
        ),
      ),
    ),
  );
}

interface IntentDetail {
  id: string;
  title: string;
  answers: {
    language: string;
    shared: string;
    override: {
      mode: string;
      text: string;
      validFrom: string | null;
      validTo: string | null;
      inEffect: boolean;
    } | null;
    rendered: string;
  }[];
}

async function answerView(slug: string, intentId: string): Promise<void> {
  const detail = await api<IntentDetail>('GET', `/municipalities/${slug}/intents/${intentId}`);
  show(
    h('h1', {}, detail.title),
    h('p', {}, h('code', {}, detail.id)),
    detail.answers.map((a) => {
      const preview = h('div', { class: 'preview', 'aria-live': 'polite' }, a.rendered);
      const form = h(
        'form',
        { class: 'answer', 'data-language': a.language },
        h('h2', {}, `Language: ${a.language}`),
        h('details', {}, h('summary', {}, 'Shared answer'), h('pre', {}, a.shared)),
        h(
          'label',
          {},
          'Mode',
          h(
            'select',
            { name: 'mode' },
            ['replace', 'extend'].map((m) =>
              h(
                'option',
                { value: m, ...(a.override?.mode === m ? { selected: true } : {}) },
                m === 'replace' ? 'Replace the shared answer' : 'Add to the shared answer',
              ),
            ),
          ),
        ),
        h('label', {}, 'Own answer', h('textarea', { name: 'text', rows: 6, maxlength: 4000 }, a.override?.text ?? '')),
        h(
          'fieldset',
          { class: 'validity' },
          h('legend', {}, 'Valid (optional, e.g. during an election; outside it citizens get the shared answer)'),
          h(
            'label',
            {},
            'From',
            h('input', { type: 'datetime-local', name: 'validFrom', value: toLocalInput(a.override?.validFrom) }),
          ),
          h(
            'label',
            {},
            'Until',
            h('input', { type: 'datetime-local', name: 'validTo', value: toLocalInput(a.override?.validTo) }),
          ),
          a.override && (a.override.inEffect ? null : h('p', { class: 'note' }, 'Not in effect now.')),
        ),
        h('h3', {}, 'What citizens get'),
        preview,
      );
      const body = () => {
        const v = formValues(form);
        return {
          mode: v.mode,
          text: v.text,
          validFrom: fromLocalInput(v.validFrom),
          validTo: fromLocalInput(v.validTo),
        };
      };
      const path = `/municipalities/${slug}/intents/${detail.id}/answers/${a.language}`;
      form.append(
        h(
          'button',
          {
            type: 'button',
            onclick: async () =>
              api<{ text: string }>('POST', `${path}/preview`, body()).then(
                (r) => (preview.textContent = r.text),
                fail,
              ),
          },
          'Preview',
        ),
        h(
          'button',
          {
            type: 'button',
            onclick: async () =>
              api<{ text: string }>('PUT', path, body()).then(
                (r) => ((preview.textContent = r.text), say(`Published (${a.language}).`)),
                fail,
              ),
          },
          'Publish',
        ),
        h(
          'button',
          { type: 'button', onclick: async () => api('DELETE', path).then(() => answerView(slug, intentId), fail) },
          'Back to the shared answer',
        ),
      );
      return form;
    }),
  );
}

interface Summary {
  id: string;
  startedAt: string;
  lastActivityAt: string;
  language: string;
  platform: string | null;
  browser: string | null;
  browserVersion: string | null;
  messageCount: number;
}

async function logsView(slug: string, q = ''): Promise<void> {
  const { conversations, total } = await api<{ conversations: Summary[]; total: number }>(
    'GET',
    `/municipalities/${slug}/conversations${q ? `?q=${encodeURIComponent(q)}` : ''}`,
  );
  const form = h(
    'form',
    {
      role: 'search',
      onsubmit: (e: Event) => (e.preventDefault(), void logsView(slug, formValues(form).q).catch(fail)),
    },
    h(
      'label',
      {},
      'Search the masked text',
      h('input', { name: 'q', type: 'search', value: q, minlength: 2, maxlength: 100 }),
    ),
    h('button', { type: 'submit' }, 'Search'),
  );
  show(
    h('h1', {}, 'Chat logs'),
    h('p', {}, 'Every list, search and read is recorded in the audit log.'),
    form,
    h('p', {}, `${total} conversation(s)`),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Started', 'Language', 'Device', 'Messages'].map((c) => h('th', { scope: 'col' }, c)),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Transcript')),
        ),
      ),
      h(
        'tbody',
        {},
        conversations.map((c) =>
          h(
            'tr',
            {},
            h('td', {}, new Date(c.startedAt).toLocaleString()),
            h('td', {}, c.language),
            h('td', {}, `${c.platform ?? '?'} · ${c.browser ?? '?'} ${c.browserVersion ?? ''}`),
            h('td', {}, c.messageCount),
            h('td', {}, h('a', { href: `#/m/${slug}/logs/${c.id}` }, 'Read')),
          ),
        ),
      ),
    ),
  );
}

async function conversationView(slug: string, id: string): Promise<void> {
  const { conversation, messages } = await api<{
    conversation: Summary;
    messages: { id: number; role: string; text: string; intent: string | null; at: string }[];
  }>('GET', `/municipalities/${slug}/conversations/${id}`);
  show(
    h('h1', {}, 'Conversation'),
    h(
      'p',
      {},
      `${new Date(conversation.startedAt).toLocaleString()} · ${conversation.language} · ${conversation.browser ?? '?'} ${conversation.browserVersion ?? ''}`,
    ),
    h(
      'ol',
      { class: 'messages' },
      messages.map((m) =>
        h(
          'li',
          { class: `message ${m.role}` },
          h('span', { class: 'role' }, m.role),
          h('p', {}, m.text),
          m.intent ? h('code', {}, m.intent) : '',
        ),
      ),
    ),
  );
}

interface WorkItem {
  messageId: number;
  text: string;
  reason: string;
  intent: string | null;
}

async function worklistView(slug: string): Promise<void> {
  const [{ groups, total }, { intents }] = await Promise.all([
    api<{ groups: { label: string; items: WorkItem[] }[]; total: number }>('GET', `/municipalities/${slug}/worklist`),
    api<{ intents: IntentSummary[] }>('GET', `/municipalities/${slug}/intents`).catch(() => ({
      intents: [] as IntentSummary[],
    })),
  ]);
  const options = h(
    'datalist',
    { id: 'intent-ids' },
    intents.map((i) => h('option', { value: i.id }, i.title)),
  );
  const decide = (item: WorkItem, action: string, intent?: string) =>
    api('POST', `/municipalities/${slug}/worklist/${item.messageId}`, { action, ...(intent ? { intent } : {}) }).then(
      () => (say('Saved.'), worklistView(slug)),
      fail,
    );
  show(
    h('h1', {}, 'Worklist'),
    h('p', {}, `${total} message(s) the assistant did not handle well`),
    options,
    groups.map((g) =>
      h(
        'section',
        { class: 'group' },
        h('h2', {}, g.label),
        h(
          'ul',
          {},
          g.items.map((item) => {
            const intent = h('input', {
              list: 'intent-ids',
              'aria-label': 'Intent',
              placeholder: 'intent id',
              value: item.intent && item.intent !== 'oos' ? item.intent : '',
            });
            return h(
              'li',
              { class: 'work-item' },
              h('p', {}, item.text),
              h('span', { class: 'tag' }, item.reason.replace('_', ' ')),
              intent,
              h('button', { type: 'button', onclick: () => decide(item, 'assign', intent.value) }, 'Assign'),
              h(
                'button',
                { type: 'button', onclick: () => decide(item, 'propose', intent.value) },
                'Propose for shared base',
              ),
              h('button', { type: 'button', onclick: () => decide(item, 'out_of_scope') }, 'Out of scope'),
              h('button', { type: 'button', onclick: () => decide(item, 'dismiss') }, 'Dismiss'),
            );
          }),
        ),
      ),
    ),
  );
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);

async function statsView(
  slug: string,
  from = isoDay(new Date(Date.now() - 29 * 86_400_000)),
  to = isoDay(new Date()),
): Promise<void> {
  const s = await api<StatsResponse>('GET', `/municipalities/${slug}/stats?from=${from}&to=${to}`);
  const total = s.outcomes.answered + s.outcomes.clarified + s.outcomes.fallback + s.outcomes.handover;
  const share = (n: number) => (total ? n / total : null);
  const form = h(
    'form',
    {
      onsubmit: (e: Event) => (
        e.preventDefault(),
        void statsView(slug, formValues(form).from, formValues(form).to).catch(fail)
      ),
    },
    h('label', {}, 'From', h('input', { type: 'date', name: 'from', value: from, required: true })),
    h('label', {}, 'To', h('input', { type: 'date', name: 'to', value: to, required: true })),
    h('button', { type: 'submit' }, 'Show'),
  );
  const list = (title: string, rows: { key: string; count: number }[]) =>
    h(
      'section',
      {},
      h('h2', {}, title),
      h(
        'ol',
        {},
        rows.map((r) => h('li', {}, `${r.key}: ${r.count}`)),
      ),
    );
  show(
    h('h1', {}, 'Statistics'),
    form,
    h(
      'p',
      {},
      h('a', { href: csvUrl(`/municipalities/${slug}/stats.csv?from=${from}&to=${to}`), download: '' }, 'Download CSV'),
    ),
    h('h2', {}, 'Messages per day'),
    barChart(
      s.days.map((d) => ({ label: d.day, value: d.messages })),
      'Messages per day',
    ),
    h('h2', {}, 'Conversations per day (retained chat logs)'),
    barChart(
      s.days.map((d) => ({ label: d.day, value: d.conversations })),
      'Conversations per day',
    ),
    h(
      'dl',
      { class: 'figures' },
      h('dt', {}, 'Answered'),
      h('dd', {}, percent(share(s.outcomes.answered))),
      h('dt', {}, 'Clarified'),
      h('dd', {}, percent(share(s.outcomes.clarified))),
      h('dt', {}, 'Fallback'),
      h('dd', {}, percent(share(s.outcomes.fallback))),
      h('dt', {}, 'Handover'),
      h('dd', {}, percent(share(s.outcomes.handover))),
      h('dt', {}, 'Outside opening hours'),
      h('dd', {}, percent(s.outsideOpeningHoursShare)),
      h('dt', {}, 'Resolution rate (feedback)'),
      h('dd', {}, percent(s.resolutionRate)),
    ),
    list('Top intents', s.topIntents),
    list('Top unanswered', s.topUnanswered),
    list('Languages', s.languages),
    list('Platforms', s.platforms),
    list('Browsers', s.browsers),
  );
}

interface SettingsResponse {
  country: string;
  retentionMaxDays: number;
  settings: Record<string, unknown> & {
    contact: { phone: string; email: string; address: string; openingHours: Record<string, string | null> };
    theme: { colour: string };
  };
}

async function settingsView(slug: string): Promise<void> {
  const current = await api<SettingsResponse>('GET', `/municipalities/${slug}/settings`);
  const s = current.settings;
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const field = (label: string, name: string, value: unknown, attrs: Record<string, string | number> = {}) =>
    h(
      'label',
      {},
      label,
      h('input', { name, value: value === null || value === undefined ? '' : String(value), ...attrs }),
    );
  const form = h(
    'form',
    {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const v = formValues(form);
        const next = {
          ...s,
          name: v.name,
          website: v.website,
          contact: {
            phone: v.phone,
            email: v.email,
            address: v.address,
            openingHours: Object.fromEntries(days.map((d) => [d, v[`hours-${d}`] || null])),
          },
          retentionDays: v.retentionDays ? Number(v.retentionDays) : null,
          allowedOrigins: (v.allowedOrigins ?? '').split(/\s+/).filter(Boolean),
          theme: { ...s.theme, colour: v.colour },
          privacyStatementUrl: v.privacyStatementUrl || null,
          legalBasis: v.legalBasis,
        };
        await api('PUT', `/municipalities/${slug}/settings`, next).then(() => say('Settings saved.'), fail);
      },
    },
    field('Name', 'name', s.name, { required: 'required' }),
    field('Website', 'website', s.website, { type: 'url' }),
    field('Phone', 'phone', s.contact.phone),
    field('E-mail', 'email', s.contact.email, { type: 'email' }),
    field('Address', 'address', s.contact.address),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Opening hours (HH:MM-HH:MM, empty when closed)'),
      days.map((d) =>
        field(d, `hours-${d}`, s.contact.openingHours[d], { pattern: '[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]' }),
      ),
    ),
    field(
      `Retention in days (empty: platform default; at most ${current.retentionMaxDays})`,
      'retentionDays',
      s.retentionDays,
      { type: 'number', min: 1, max: current.retentionMaxDays },
    ),
    h(
      'label',
      {},
      'Allowed widget origins (one per line)',
      h('textarea', { name: 'allowedOrigins', rows: 3 }, (s.allowedOrigins as string[]).join('\n')),
    ),
    field('Theme colour', 'colour', s.theme.colour, { type: 'color' }),
    field('Privacy statement URL', 'privacyStatementUrl', s.privacyStatementUrl, { type: 'url' }),
    h(
      'label',
      {},
      'Legal basis',
      h('textarea', { name: 'legalBasis', rows: 4, maxlength: 4000 }, String(s.legalBasis ?? '')),
    ),
    h('button', { type: 'submit' }, 'Save'),
  );
  show(h('h1', {}, 'Settings'), form, await singleSignOnForm(slug));
}

/** The municipality's own OpenID Connect provider; the client secret is write-only. */
async function singleSignOnForm(slug: string): Promise<HTMLElement> {
  const current = await api<SsoSettingsResponse>('GET', `/municipalities/${slug}/sso`);
  const form = h(
    'form',
    {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const v = formValues(form);
        const enabled = (form.querySelector('[name=enabled]') as HTMLInputElement).checked;
        const body = {
          enabled,
          issuer: v.issuer,
          clientId: v.clientId,
          ...(v.clientSecret ? { clientSecret: v.clientSecret } : {}),
        };
        await api('PUT', `/municipalities/${slug}/sso`, body).then(() => say('Single sign-on saved.'), fail);
      },
    },
    h(
      'p',
      {},
      'Staff who already have roles in this municipality only can sign in with its OpenID Connect provider. Register this redirect URI there: ',
      h('code', {}, current.redirectUri),
    ),
    h(
      'label',
      {},
      h('input', { name: 'enabled', type: 'checkbox', ...(current.enabled ? { checked: true } : {}) }),
      'Enabled',
    ),
    h('label', {}, 'Issuer URL', h('input', { name: 'issuer', type: 'url', value: current.issuer, required: true })),
    h('label', {}, 'Client ID', h('input', { name: 'clientId', value: current.clientId, required: true })),
    h(
      'label',
      {},
      current.clientSecretSet ? 'Client secret (stored; leave empty to keep it)' : 'Client secret',
      h('input', { name: 'clientSecret', type: 'password', autocomplete: 'off' }),
    ),
    h('button', { type: 'submit' }, 'Save single sign-on'),
  );
  return h('section', { 'aria-labelledby': 'sso-settings' }, h('h2', { id: 'sso-settings' }, 'Single sign-on'), form);
}

async function auditView(slug: string): Promise<void> {
  const { events } = await api<{
    events: {
      at: string;
      actorEmail: string | null;
      actorRole: string | null;
      action: string;
      outcome: string;
      conversationId: string | null;
    }[];
  }>('GET', `/municipalities/${slug}/audit`);
  show(
    h('h1', {}, 'Audit log'),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Time', 'Who', 'Role', 'Action', 'Outcome', 'Conversation'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        events.map((e) =>
          h(
            'tr',
            {},
            h('td', {}, new Date(e.at).toLocaleString()),
            h('td', {}, e.actorEmail ?? '—'),
            h('td', {}, e.actorRole ?? '—'),
            h('td', {}, e.action),
            h('td', {}, e.outcome),
            h('td', {}, e.conversationId ?? ''),
          ),
        ),
      ),
    ),
  );
}

// Routing -------------------------------------------------------------------------------------------------------

async function route(): Promise<void> {
  say('');
  const parts = location.hash.replace(/^#\/?/, '').split('/');
  if (parts[0] === 'invite' && parts[1]) return inviteView(parts[1]);
  if (!user) {
    try {
      const session = await api<SessionResponse>('GET', '/auth/session');
      if (session.mfaRequired) return totpView();
      if (session.user) return afterLogin(session);
    } catch {
      // not signed in
    }
    renderHeader();
    return loginView();
  }
  if (parts[0] !== 'm' || !parts[1]) {
    renderHeader();
    return show(h('h1', {}, 'No municipality'), h('p', {}, 'Your account has no role in any municipality yet.'));
  }
  const slug = parts[1];
  renderHeader(slug);
  const section = parts[2] as Section | undefined;
  const views: Record<Section, () => Promise<void>> = {
    answers: () => (parts[3] ? answerView(slug, parts[3]) : answersView(slug)),
    logs: () => (parts[3] ? conversationView(slug, parts[3]) : logsView(slug)),
    worklist: () => worklistView(slug),
    stats: () => statsView(slug),
    settings: () => settingsView(slug),
    staff: () => staffView({ slug, say, fail }),
    audit: () => auditView(slug),
    agent: () =>
      agentView({
        slug,
        municipalityId: user?.memberships.find((m) => m.municipality.slug === slug)?.municipality.id ?? '',
        say,
      }),
  };
  const first = sectionsFor(slug)[0];
  if (!section && first) {
    location.hash = `#/m/${slug}/${first.id}`;
    return;
  }
  if (section && views[section]) await views[section]();
  else show(h('h1', {}, 'Nothing here'), h('p', {}, 'Your roles give no access to this municipality’s sections.'));
}

window.addEventListener('hashchange', () => void route().catch(fail));
void route().catch(fail);
