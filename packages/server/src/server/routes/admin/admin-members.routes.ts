import type { FastifyPluginAsync } from 'fastify';
import {
  InviteBodySchema,
  InviteResponseSchema,
  KommunechatError,
  MemberListSchema,
  MemberSchema,
  MunicipalityListSchema,
  SetRolesBodySchema,
  SlugParamsSchema,
  Type,
  type InviteBody,
  type StaffRole,
} from '@kommunechat/protocol';
import { listMunicipalities } from '../../../store/municipality.repository.ts';
import {
  createInvite,
  createStaffUser,
  findStaffUserByEmail,
  findStaffUserById,
  listMembers,
  listRolesOfUser,
  setRolesInMunicipality,
} from '../../../store/staff.repository.ts';
import { newSecretToken, sha256 } from '../../plugins/staff-credentials.ts';
import { presentMember, presentMunicipalityRef } from '../../presenters/admin.presenter.ts';
import { audit, authorize, errorResponses, staffOf } from './admin-access.ts';

const INVITE_VALID_MS = 7 * 86_400_000;

/** The municipalities a staff member works in, and their staff (no self-registration: admins invite). */
export const adminMemberRoutes: FastifyPluginAsync = async (app) => {
  const { clock, store } = app.runtime;
  const db = store.db;

  app.get(
    '/municipalities',
    {
      schema: {
        summary: 'Municipalities the signed-in staff member works in',
        response: { 200: MunicipalityListSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { actor } = staffOf(req);
      const all = await listMunicipalities(db);
      return {
        municipalities: all.filter((m) => actor.platformAdmin || actor.roles.has(m.id)).map(presentMunicipalityRef),
      };
    },
  );

  app.get(
    '/municipalities/:slug/members',
    {
      schema: {
        summary: 'Staff of the municipality',
        params: SlugParamsSchema,
        response: { 200: MemberListSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { municipality } = await authorize(req, 'members.manage', (req.params as { slug: string }).slug);
      return { members: (await listMembers(db, municipality.id)).map((m) => presentMember(m.user, m.roles)) };
    },
  );

  app.post(
    '/municipalities/:slug/members',
    {
      schema: {
        summary: 'Invite a staff member (or give an existing account roles here)',
        params: SlugParamsSchema,
        body: InviteBodySchema,
        response: { 201: InviteResponseSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { municipality, role } = await authorize(req, 'members.manage', (req.params as { slug: string }).slug);
      const body = req.body as InviteBody;
      const result = await db.transaction().execute(async (trx) => {
        let user = await findStaffUserByEmail(trx, body.email);
        let invitePath: string | null = null;
        if (!user) {
          user = await createStaffUser(trx, {
            email: body.email,
            name: body.name,
            passwordHash: null,
            platformAdmin: false,
            now: clock.now(),
          });
          const token = newSecretToken();
          await createInvite(trx, {
            tokenHash: sha256(token),
            userId: user.id,
            expiresAt: new Date(clock.now().getTime() + INVITE_VALID_MS),
          });
          invitePath = `/admin/#/invite/${token}`;
        }
        const held = (await listRolesOfUser(trx, user.id))
          .filter((g) => g.municipalityId === municipality.id)
          .map((g) => g.role);
        const roles = [...new Set<StaffRole>([...held, ...body.roles])];
        await setRolesInMunicipality(trx, user.id, municipality.id, roles);
        return { member: presentMember(user, roles), invitePath };
      });
      await audit(req, { action: 'members.invite', outcome: 'allowed', municipalityId: municipality.id, role });
      return reply.code(201).send(result);
    },
  );

  app.put(
    '/municipalities/:slug/members/:userId/roles',
    {
      schema: {
        summary: "Replace a member's roles here (an empty list removes them from the municipality)",
        params: Type.Object(
          { slug: SlugParamsSchema.properties.slug, userId: Type.String({ format: 'uuid' }) },
          { additionalProperties: false },
        ),
        body: SetRolesBodySchema,
        response: { 200: MemberSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { slug, userId } = req.params as { slug: string; userId: string };
      const { municipality, role } = await authorize(req, 'members.manage', slug);
      const held = (await listRolesOfUser(db, userId)).filter((g) => g.municipalityId === municipality.id);
      const user = held.length > 0 ? await findStaffUserById(db, userId) : undefined;
      if (!user) throw new KommunechatError('not_found', 'No such member.');
      const roles = (req.body as { roles: StaffRole[] }).roles;
      await setRolesInMunicipality(db, userId, municipality.id, roles);
      await audit(req, { action: 'members.roles', outcome: 'allowed', municipalityId: municipality.id, role });
      return presentMember(user, roles);
    },
  );
};
