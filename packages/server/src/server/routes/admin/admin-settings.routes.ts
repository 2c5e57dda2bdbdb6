import type { FastifyPluginAsync } from 'fastify';
import {
  AdminSettingsResponseSchema,
  AdminSettingsSchema,
  COUNTRY_LANGUAGES,
  KommunechatError,
  SlugParamsSchema,
  type AdminSettings,
  type Language,
} from '@kommunechat/protocol';
import { findLegalBasis, setLegalBasis } from '../../../store/municipality-admin.repository.ts';
import { updateMunicipality, type Municipality } from '../../../store/municipality.repository.ts';
import { audit, authorize, errorResponses } from './admin-access.ts';

/** A municipality's own settings: contact, opening hours, languages, theme, widget origins, retention, legal texts. */
export const adminSettingsRoutes: FastifyPluginAsync = async (app) => {
  const { config, store, conversations } = app.runtime;
  const db = store.db;

  async function present(m: Municipality) {
    const settings: AdminSettings = {
      name: m.name,
      languages: m.languages,
      defaultLanguage: m.defaultLanguage,
      website: m.website,
      contact: m.contact,
      retentionDays: m.retentionDays,
      allowedOrigins: m.allowedOrigins,
      theme: m.theme,
      privacyStatementUrl: m.privacyStatementUrl,
      legalBasis: await findLegalBasis(db, m.id),
    };
    return {
      slug: m.slug,
      country: m.country,
      settings,
      retentionMaxDays: config.retentionMaxDays,
      retentionDefaultDays: config.retentionDefaultDays,
    };
  }

  app.get(
    '/municipalities/:slug/settings',
    {
      schema: {
        summary: "The municipality's settings",
        params: SlugParamsSchema,
        response: { 200: AdminSettingsResponseSchema, ...errorResponses },
      },
    },
    async (req) => present((await authorize(req, 'settings.read', (req.params as { slug: string }).slug)).municipality),
  );

  app.put(
    '/municipalities/:slug/settings',
    {
      schema: {
        summary: "Change the municipality's settings (take effect at once)",
        params: SlugParamsSchema,
        body: AdminSettingsSchema,
        response: { 200: AdminSettingsResponseSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { municipality: m, role } = await authorize(req, 'settings.update', (req.params as { slug: string }).slug);
      const s = req.body as AdminSettings;
      const problems: string[] = [];
      const offered = COUNTRY_LANGUAGES[m.country] as readonly Language[];
      const foreign = s.languages.filter((l) => !offered.includes(l));
      if (foreign.length > 0) problems.push(`languages: answers here exist in ${offered.join(', ')} only`);
      if (!s.languages.includes(s.defaultLanguage)) problems.push('defaultLanguage must be one of languages');
      if (s.retentionDays !== null && s.retentionDays > config.retentionMaxDays)
        problems.push(`retentionDays must not exceed the platform cap of ${config.retentionMaxDays}`);
      if (problems.length > 0)
        throw new KommunechatError('validation_failed', `Invalid settings: ${problems.join('; ')}.`);
      const updated = await db.transaction().execute(async (trx) => {
        const row = await updateMunicipality(trx, {
          slug: m.slug,
          country: m.country,
          name: s.name,
          languages: s.languages,
          defaultLanguage: s.defaultLanguage,
          website: s.website,
          contact: s.contact,
          allowedOrigins: s.allowedOrigins,
          theme: s.theme,
          pages: m.pages,
          ...(s.retentionDays !== null ? { retentionDays: s.retentionDays } : {}),
          ...(s.privacyStatementUrl !== null ? { privacyStatementUrl: s.privacyStatementUrl } : {}),
        });
        await setLegalBasis(trx, m.id, s.legalBasis);
        return row!;
      });
      conversations.municipalities.invalidate(m.id);
      await audit(req, { action: 'settings.update', outcome: 'allowed', municipalityId: m.id, role });
      return present(updated);
    },
  );
};
