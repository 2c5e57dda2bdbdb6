import type { FastifyPluginAsync } from 'fastify';
import { authPlugin } from '../../plugins/auth.plugin.ts';
import { adminAuthRoutes } from './admin-auth.routes.ts';
import { adminSsoRoutes } from './admin-sso.routes.ts';
import { adminMemberRoutes } from './admin-members.routes.ts';
import { adminChatLogRoutes } from './admin-chat-logs.routes.ts';
import { adminAnswerRoutes } from './admin-answers.routes.ts';
import { adminSettingsRoutes } from './admin-settings.routes.ts';
import { adminStatsRoutes } from './admin-stats.routes.ts';
import { adminLearningRoutes } from './admin-learning.routes.ts';

/** The admin API (/api/v1/admin): its own scope, so cookies and staff sessions never touch the public chat API. */
export const adminRoutes: FastifyPluginAsync = async (app) => {
  await app.register(authPlugin);
  await app.register(adminAuthRoutes);
  await app.register(adminSsoRoutes);
  await app.register(adminMemberRoutes);
  await app.register(adminChatLogRoutes);
  await app.register(adminAnswerRoutes);
  await app.register(adminSettingsRoutes);
  await app.register(adminStatsRoutes);
  await app.register(adminLearningRoutes);
};
