import type { FastifyPluginAsync } from 'fastify';
import {
  AnswerParamsSchema,
  COUNTRY_LANGUAGES,
  IntentDetailSchema,
  IntentListSchema,
  KommunechatError,
  OverrideBodySchema,
  PAGE_KEYS,
  PLACEHOLDERS,
  PreviewResponseSchema,
  SlugParamsSchema,
  Type,
  type Language,
  type OverrideBody,
} from '@kommunechat/protocol';
import { retentionLimits } from '../../../config/load-config.ts';
import type { IntentContent } from '../../../content/answer-base.ts';
import { renderAnswer } from '../../../content/answer.renderer.ts';
import { overrideKey, resolveAnswer, type AnswerOverride } from '../../../content/answer.resolver.ts';
import { effectiveRetentionDays } from '../../../privacy/retention.policy.ts';
import {
  deleteAnswerOverride,
  listAnswerOverrides,
  upsertAnswerOverride,
} from '../../../store/answer-override.repository.ts';
import type { Municipality } from '../../../store/municipality.repository.ts';
import { presentAnswerOverride } from '../../presenters/admin.presenter.ts';
import { audit, authorize, errorResponses } from './admin-access.ts';

const KNOWN = new Set<string>([...PLACEHOLDERS, ...PAGE_KEYS.map((k) => `links.${k}`)]);

/** Unknown {{placeholders}} would silently render as nothing: refuse them with the list of valid ones. */
function checkPlaceholders(text: string): void {
  const unknown = [...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1] as string).filter((n) => !KNOWN.has(n));
  if (unknown.length > 0)
    throw new KommunechatError(
      'validation_failed',
      `Unknown placeholder(s): ${unknown.map((n) => `{{${n}}}`).join(', ')}. Known: ${[...PLACEHOLDERS].join(', ')}, links.<page>.`,
    );
}

/** The own answer of a request body, its validity period checked: a period must end after it starts. */
function overrideOf(id: string, language: Language, body: OverrideBody): AnswerOverride {
  const validFrom = body.validFrom ? new Date(body.validFrom) : null;
  const validTo = body.validTo ? new Date(body.validTo) : null;
  if (validFrom && validTo && validFrom.getTime() >= validTo.getTime())
    throw new KommunechatError('validation_failed', 'The end of the validity period must be after its start.');
  return { intent: id, language, mode: body.mode, text: body.text, validFrom, validTo };
}

/** Browse the shared answer base; edit the municipality's own answer per intent and language, with a preview. */
export const adminAnswerRoutes: FastifyPluginAsync = async (app) => {
  const { config, store, conversations } = app.runtime;
  const db = store.db;

  function intentOf(id: string): IntentContent {
    const intent = conversations.base.intents.get(id);
    if (!intent) throw new KommunechatError('not_found', 'No such intent.');
    return intent;
  }
  function languageOf(m: Municipality, language: Language | undefined): Language {
    if (!language || !(COUNTRY_LANGUAGES[m.country] as readonly Language[]).includes(language)) {
      throw new KommunechatError(
        'validation_failed',
        `Answers of this municipality are written in ${COUNTRY_LANGUAGES[m.country].join(', ')}.`,
      );
    }
    return language;
  }
  function render(
    m: Municipality,
    intent: IntentContent,
    language: Language,
    overrides: ReadonlyMap<string, AnswerOverride>,
    now: Date,
  ): string {
    const template = resolveAnswer(intent, { country: m.country, language, overrides, now });
    return renderAnswer(template, {
      language,
      municipality: {
        name: m.name,
        website: m.website,
        contact: m.contact,
        pages: m.pages,
        privacyStatementUrl: m.privacyStatementUrl ?? undefined,
      },
      retentionDays: effectiveRetentionDays(m.retentionDays, retentionLimits(config)),
    });
  }

  app.get(
    '/municipalities/:slug/intents',
    {
      schema: {
        summary: 'The shared answer base by area and intent, with the languages this municipality overrides',
        params: SlugParamsSchema,
        response: { 200: IntentListSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { municipality } = await authorize(req, 'answers.read', (req.params as { slug: string }).slug);
      const overridden = new Map<string, Language[]>();
      for (const o of await listAnswerOverrides(db, municipality.id))
        overridden.set(o.intent, [...(overridden.get(o.intent) ?? []), o.language]);
      const intents = [...conversations.base.intents.values()]
        .sort((a, b) => a.area.localeCompare(b.area) || a.id.localeCompare(b.id))
        .map((i) => ({
          id: i.id,
          area: i.area,
          title: i.title[municipality.defaultLanguage],
          overridden: overridden.get(i.id) ?? [],
        }));
      return { intents };
    },
  );

  app.get(
    '/municipalities/:slug/intents/:intent',
    {
      schema: {
        summary: 'One intent: the shared answer, the own answer and what citizens get, per language',
        params: AnswerParamsSchema,
        response: { 200: IntentDetailSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { slug, intent: id } = req.params as { slug: string; intent: string };
      const { municipality: m } = await authorize(req, 'answers.read', slug);
      const intent = intentOf(id);
      const overrides = new Map(
        (await listAnswerOverrides(db, m.id)).map((o) => [overrideKey(o.intent, o.language), o]),
      );
      const now = app.runtime.clock.now();
      const answers = COUNTRY_LANGUAGES[m.country].map((language) => {
        const own = overrides.get(overrideKey(id, language));
        return {
          language,
          shared: (intent.answers[m.country] as Record<string, string>)[language] as string,
          override: own ? presentAnswerOverride(own, now) : null,
          rendered: render(m, intent, language, overrides, now),
        };
      });
      return { id, area: intent.area, title: intent.title[m.defaultLanguage], answers };
    },
  );

  app.post(
    '/municipalities/:slug/intents/:intent/answers/:language/preview',
    {
      schema: {
        summary: 'Render an own answer without saving it',
        params: AnswerParamsSchema,
        body: OverrideBodySchema,
        response: { 200: PreviewResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { slug, intent: id, language: lang } = req.params as { slug: string; intent: string; language?: Language };
      const { municipality: m } = await authorize(req, 'answers.read', slug);
      const language = languageOf(m, lang);
      const body = req.body as OverrideBody;
      checkPlaceholders(body.text);
      // the preview shows the own answer as it reads while in effect, whatever its period
      const { validFrom: _from, validTo: _to, ...always } = overrideOf(id, language, body);
      return {
        text: render(
          m,
          intentOf(id),
          language,
          new Map([[overrideKey(id, language), always]]),
          app.runtime.clock.now(),
        ),
      };
    },
  );

  app.put(
    '/municipalities/:slug/intents/:intent/answers/:language',
    {
      schema: {
        summary: 'Publish an own answer (takes effect at once, or within its validity period); returns it rendered',
        params: AnswerParamsSchema,
        body: OverrideBodySchema,
        response: { 200: PreviewResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { slug, intent: id, language: lang } = req.params as { slug: string; intent: string; language?: Language };
      const { municipality: m, role } = await authorize(req, 'answers.write', slug);
      const language = languageOf(m, lang);
      const intent = intentOf(id);
      const body = req.body as OverrideBody;
      checkPlaceholders(body.text);
      const override = overrideOf(id, language, body);
      await upsertAnswerOverride(db, m.id, override, app.runtime.clock.now());
      conversations.municipalities.invalidate(m.id);
      await audit(req, { action: 'answers.write', outcome: 'allowed', municipalityId: m.id, role });
      const { validFrom: _from, validTo: _to, ...always } = override;
      return {
        text: render(m, intent, language, new Map([[overrideKey(id, language), always]]), app.runtime.clock.now()),
      };
    },
  );

  app.delete(
    '/municipalities/:slug/intents/:intent/answers/:language',
    {
      schema: {
        summary: 'Go back to the shared answer',
        params: AnswerParamsSchema,
        response: { 200: Type.Object({ deleted: Type.Boolean() }), ...errorResponses },
      },
    },
    async (req) => {
      const { slug, intent: id, language: lang } = req.params as { slug: string; intent: string; language?: Language };
      const { municipality: m, role } = await authorize(req, 'answers.write', slug);
      const language = languageOf(m, lang);
      intentOf(id);
      const deleted = await deleteAnswerOverride(db, m.id, id, language);
      conversations.municipalities.invalidate(m.id);
      await audit(req, { action: 'answers.delete', outcome: 'allowed', municipalityId: m.id, role });
      return { deleted };
    },
  );
};
