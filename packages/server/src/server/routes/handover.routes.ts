import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  AgentFrameSchema,
  HANDOVER_LIMITS,
  KommunechatError,
  TOKEN_SUBPROTOCOL_PREFIX,
  Type,
  VisitorFrameSchema,
  type ServerToAgentFrame,
  type ServerToVisitorFrame,
} from '@kommunechat/protocol';
import { sendMessage } from '../../dialogue/conversation.service.ts';
import {
  agentAction,
  agentGone,
  publish,
  readTranscript,
  sendAgentMessage,
  takeConversation,
  visitorCancel,
  type AgentIdentity,
} from '../../dialogue/handover.service.ts';
import { hashConversationToken } from '../../privacy/conversation-token.ts';
import {
  deletePresence,
  findConversationForSocket,
  findHandover,
  upsertPresence,
} from '../../store/handover.repository.ts';
import { touchSession } from '../../store/staff.repository.ts';
import { authPlugin } from '../plugins/auth.plugin.ts';
import { safeEqual, sha256 } from '../plugins/staff-credentials.ts';
import { FrameLimiter, frameParser, isSameOrigin, type LiveSocket } from '../plugins/websocket.plugin.ts';
import { LiveHub, type AgentConnection, type VisitorConnection } from './handover.hub.ts';

const parseVisitorFrame = frameParser(VisitorFrameSchema);
const parseAgentFrame = frameParser(AgentFrameSchema);
const ConversationParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

/** Typing frames are forwarded at most this often per connection. */
const TYPING_EVERY_MS = 1_500;

function codeOf(err: unknown): { code: string; message: string } {
  if (err instanceof KommunechatError) return { code: err.code, message: err.message };
  return { code: 'internal_error', message: 'Something went wrong on our side.' };
}

function tokenFromProtocols(req: FastifyRequest): string | undefined {
  const header = req.headers['sec-websocket-protocol'];
  const offered = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((p) => p.trim());
  const token = offered.find((p) => p.startsWith(TOKEN_SUBPROTOCOL_PREFIX))?.slice(TOKEN_SUBPROTOCOL_PREFIX.length);
  return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : undefined;
}

/**
 * The live channel of a handover. Visitor: `GET /api/v1/conversations/:id/live` (Origin of the municipality's
 * website, token as subprotocol `kc-token.<token>` or in a first `auth` frame, never in the URL). Agent:
 * `GET /api/v1/admin/agent/live` (same origin, staff session cookie, role `agent`).
 */
export const handoverRoutes: FastifyPluginAsync = async (app) => {
  const { runtime } = app;
  const deps = runtime.handover;
  const hub = new LiveHub(deps, app.log);
  app.addHook('onClose', async () => hub.close());

  const reportFailure = (event: string) => (err: Error) => app.log.warn({ event, err: err.message });

  app.get(
    '/conversations/:id/live',
    {
      websocket: true,
      schema: { params: ConversationParams },
      // the handshake is refused (a plain HTTP error, no upgrade) unless the page is the municipality's website
      preHandler: async (req) => {
        const { id } = req.params as { id: string };
        const origin = req.headers.origin;
        const conversation = await findConversationForSocket(deps.db, id);
        if (!conversation) throw new KommunechatError('not_found', 'No such conversation.');
        const found = await deps.municipalities.byId(conversation.municipality_id);
        const allowed =
          origin !== undefined &&
          (isSameOrigin(origin, req) ||
            (found !== undefined && (await deps.municipalities.allowsOrigin(origin, found.municipality.slug))));
        if (!allowed) throw new KommunechatError('forbidden', 'This origin may not open the live chat.');
      },
    },
    (socket: LiveSocket, req) => {
      const { id } = req.params as { id: string };
      const limiter = new FrameLimiter();
      let token: string | undefined;
      let connection: VisitorConnection | undefined;
      let lastTyping = 0;
      const send = (frame: ServerToVisitorFrame) => socket.send(JSON.stringify(frame));
      const authTimer = setTimeout(() => socket.close(4401, 'authenticate first'), HANDOVER_LIMITS.authTimeoutMs);

      const authenticate = async (candidate: string) => {
        const conversation = await findConversationForSocket(deps.db, id);
        if (!conversation || !safeEqual(conversation.token_hash, hashConversationToken(candidate))) {
          socket.close(4401, 'unauthorized');
          return;
        }
        clearTimeout(authTimer);
        token = candidate;
        connection = { conversationId: id, socket };
        hub.addVisitor(connection);
        const h = await findHandover(deps.db, id);
        send({ type: 'ready', state: h?.state ?? 'bot' });
        req.log.info({ event: 'handover_visitor_connected', conversationId: id });
      };

      socket.on('message', (data, isBinary) => {
        const verdict = limiter.take();
        if (verdict === 'close') return socket.close(1008, 'too many frames');
        if (verdict === 'refuse')
          return send({ type: 'error', code: 'rate_limited', message: 'Too many frames; slow down.' });
        const frame = parseVisitorFrame(data, isBinary);
        if (!frame) return send({ type: 'error', code: 'bad_request', message: 'Malformed frame.' });
        if (frame.type === 'auth') {
          if (!token) void authenticate(frame.token).catch(reportFailure('handover_auth_failed'));
          return;
        }
        if (!token) return send({ type: 'error', code: 'unauthorized', message: 'Send an auth frame first.' });
        if (frame.type === 'typing') {
          const now = Date.now();
          if (now - lastTyping < TYPING_EVERY_MS) return;
          lastTyping = now;
          return void findConversationForSocket(deps.db, id)
            .then(
              (c) =>
                c &&
                publish(deps, [
                  { kind: 'typing', conversationId: id, municipalityId: c.municipality_id, from: 'visitor' },
                ]),
            )
            .catch(reportFailure('handover_typing_failed'));
        }
        // the same path as the HTTP API: the bot or a person, masked, committed, and only then acknowledged
        sendMessage(runtime.conversations, id, token, {
          text: frame.text,
          clientMessageId: frame.clientMessageId,
        }).then(
          (result) => {
            send({ type: 'ack', clientMessageId: frame.clientMessageId });
            for (const m of result.messages)
              send({ type: 'message', message: { id: m.id, role: 'bot', text: m.text, at: new Date().toISOString() } });
          },
          (err: unknown) => send({ type: 'error', ...codeOf(err) }),
        );
      });
      socket.on('close', () => {
        clearTimeout(authTimer);
        if (connection) hub.removeVisitor(connection);
      });

      const offered = tokenFromProtocols(req);
      if (offered) void authenticate(offered).catch(reportFailure('handover_auth_failed'));
    },
  );

  // The visitor stops waiting for a person: the bot carries on.
  app.post(
    '/conversations/:id/handover/cancel',
    {
      schema: {
        summary: 'Stop waiting for a person',
        params: ConversationParams,
        response: { 200: Type.Object({ cancelled: Type.Boolean() }) },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(req.headers.authorization ?? '');
      const conversation = match && (await findConversationForSocket(deps.db, id));
      if (!match || !conversation || !safeEqual(conversation.token_hash, hashConversationToken(match[1] as string))) {
        throw new KommunechatError('not_found', 'No such conversation.');
      }
      await visitorCancel(deps, id);
      return { cancelled: true };
    },
  );

  await app.register(async (agentScope) => {
    await agentScope.register(authPlugin);
    agentScope.get(
      '/admin/agent/live',
      {
        websocket: true,
        preHandler: async (req) => {
          if (!isSameOrigin(req.headers.origin, req))
            throw new KommunechatError('forbidden', 'The agent view opens from the admin console only.');
          const staff = req.staff;
          if (!staff || ![...staff.actor.roles.values()].some((roles) => roles.includes('agent'))) {
            throw new KommunechatError('forbidden', 'The agent view needs the role agent.');
          }
        },
      },
      (socket: LiveSocket, req) => {
        const staff = req.staff!;
        const agent: AgentIdentity = {
          userId: staff.user.id,
          email: staff.user.email,
          municipalities: [...staff.actor.roles.entries()]
            .filter(([, roles]) => roles.includes('agent'))
            .map(([m]) => m),
        };
        const sessionHash = sha256(staff.sessionId);
        const idleMs = runtime.config.adminSessionIdleMinutes * 60_000;
        const conn: AgentConnection = {
          connectionId: randomUUID(),
          agent,
          socket,
          online: true,
          watching: new Set(),
          stillSignedIn: async () =>
            (await touchSession(deps.db, sessionHash, { now: deps.clock.now(), idleMs })) !== undefined,
        };
        const limiter = new FrameLimiter(HANDOVER_LIMITS.agentFramesPerWindow);
        let lastTyping = 0;
        const send = (frame: ServerToAgentFrame) => socket.send(JSON.stringify(frame));
        const fail = (conversationId?: string) => (err: unknown) =>
          send({ type: 'error', ...codeOf(err), ...(conversationId ? { conversationId } : {}) });
        hub.addAgent(conn);
        req.log.info({ event: 'handover_agent_connected', userId: agent.userId });

        const ready = (async () => {
          await upsertPresence(deps.db, {
            connectionId: conn.connectionId,
            userId: agent.userId,
            municipalityIds: agent.municipalities,
            now: deps.clock.now(),
          });
          send({ type: 'hello', agentId: agent.userId, municipalities: [...agent.municipalities] });
          send(await hub.queueFor(agent));
        })();
        ready.catch(reportFailure('handover_agent_start_failed'));

        socket.on('message', (data, isBinary) => {
          const verdict = limiter.take();
          if (verdict === 'close') return socket.close(1008, 'too many frames');
          if (verdict === 'refuse')
            return send({ type: 'error', code: 'rate_limited', message: 'Too many frames; slow down.' });
          const frame = parseAgentFrame(data, isBinary);
          if (!frame) return send({ type: 'error', code: 'bad_request', message: 'Malformed frame.' });
          void ready
            .then(async () => {
              switch (frame.type) {
                case 'status':
                  conn.online = frame.online;
                  await upsertPresence(deps.db, {
                    connectionId: conn.connectionId,
                    userId: agent.userId,
                    municipalityIds: frame.online ? agent.municipalities : [],
                    now: deps.clock.now(),
                  });
                  return send({ type: 'ack', action: frame.online ? 'online' : 'offline' });
                case 'take': {
                  const messages = await takeConversation(deps, agent, frame.conversationId);
                  conn.watching.add(frame.conversationId);
                  send({ type: 'transcript', conversationId: frame.conversationId, messages });
                  return send({ type: 'ack', conversationId: frame.conversationId, action: 'take' });
                }
                case 'transcript': {
                  const messages = await readTranscript(deps, agent, frame.conversationId);
                  conn.watching.add(frame.conversationId);
                  return send({ type: 'transcript', conversationId: frame.conversationId, messages });
                }
                case 'message': {
                  const { messageId } = await sendAgentMessage(
                    deps,
                    agent,
                    frame.conversationId,
                    frame.clientMessageId,
                    frame.text,
                  );
                  return send({
                    type: 'ack',
                    conversationId: frame.conversationId,
                    clientMessageId: frame.clientMessageId,
                    messageId,
                  });
                }
                case 'typing': {
                  const now = Date.now();
                  if (!conn.watching.has(frame.conversationId) || now - lastTyping < TYPING_EVERY_MS) return;
                  lastTyping = now;
                  const c = await findConversationForSocket(deps.db, frame.conversationId);
                  if (c && agent.municipalities.includes(c.municipality_id)) {
                    await publish(deps, [
                      { kind: 'typing', conversationId: c.id, municipalityId: c.municipality_id, from: 'agent' },
                    ]);
                  }
                  return;
                }
                case 'release':
                case 'close':
                  await agentAction(deps, agent, frame.conversationId, frame.type);
                  conn.watching.delete(frame.conversationId);
                  return send({ type: 'ack', conversationId: frame.conversationId, action: frame.type });
              }
            })
            .catch(fail('conversationId' in frame ? frame.conversationId : undefined));
        });

        socket.on('close', () => {
          hub.removeAgent(conn);
          // presence first, so agentGone sees whether another connection of the agent is still online
          void ready
            .catch(() => {})
            .then(() => deletePresence(deps.db, [conn.connectionId]))
            .then(() => agentGone(deps, agent.userId))
            .then(
              (requeued) =>
                requeued > 0 && req.log.info({ event: 'handover_agent_gone', userId: agent.userId, requeued }),
            )
            .catch(reportFailure('handover_agent_close_failed'));
        });
      },
    );
  });
};
