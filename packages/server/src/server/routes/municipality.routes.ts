import type { FastifyPluginAsync } from 'fastify';
import { KommunechatError, PublicMunicipalitySchema, SlugSchema, Type } from '@kommunechat/protocol';
import { findMunicipalityBySlug } from '../../store/municipality.repository.ts';
import { presentPublicMunicipality } from '../presenters/municipality.presenter.ts';

export const municipalityRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/municipalities/:slug',
    {
      schema: {
        summary: 'What the widget needs to know about a municipality',
        params: Type.Object({ slug: SlugSchema }, { additionalProperties: false }),
        response: { 200: PublicMunicipalitySchema, 404: { $ref: 'ErrorBody#' } },
      },
    },
    async (req) => {
      const { slug } = req.params as { slug: string };
      const m = await findMunicipalityBySlug(app.runtime.store.db, slug);
      if (!m) throw new KommunechatError('not_found', 'No such municipality.');
      return presentPublicMunicipality(m, app.runtime.config);
    },
  );
};
