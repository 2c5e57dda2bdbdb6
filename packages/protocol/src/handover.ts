import { Type, type Static } from '@sinclair/typebox';
import { LIMITS } from './limits.ts';

/**
 * Live handover to a human agent: the WebSocket frames between the widget (visitor), the admin console (agent) and
 * the server. Every frame is one JSON object with a `type`; the server validates each frame it receives against
 * these schemas and answers a bad one with an `error` frame without closing the connection.
 */

/** Where a conversation stands between the bot and a person. */
export const HANDOVER_STATES = ['bot', 'waiting', 'with_agent', 'leaving_message', 'message_left', 'closed'] as const;
export type HandoverState = (typeof HANDOVER_STATES)[number];

/** Limits of the live channel, shared by the server (enforced) and the clients. */
export const HANDOVER_LIMITS = {
  /** largest frame the server reads, in bytes; a larger one closes the connection (1009) */
  frameMaxBytes: 8 * 1024,
  /** frames a visitor connection may send per window before further frames are refused */
  framesPerWindow: 30,
  /** the same for an agent connection, which serves many conversations at once */
  agentFramesPerWindow: 300,
  windowMs: 10_000,
  /** refused frames in one window after which the server closes the connection (1008) */
  floodCloseAfter: 60,
  /** how long a visitor socket may stay silent before it must authenticate */
  authTimeoutMs: 10_000,
} as const;

/** The WebSocket subprotocol; the conversation token may travel as a second one: `kc-token.<token>`. */
export const HANDOVER_SUBPROTOCOL = 'kommunechat.v1';
export const TOKEN_SUBPROTOCOL_PREFIX = 'kc-token.';

/**
 * Quick-reply payloads of the handover offer, and the intents that mark the bot messages of the handover (the
 * widget opens the live socket when it sees `handover.waiting`).
 */
export const HANDOVER_PAYLOAD = { request: 'handover:request', leaveMessage: 'handover:leave_message' } as const;
export const HANDOVER_INTENT = {
  offer: 'handover.offer',
  unavailable: 'handover.unavailable',
  waiting: 'handover.waiting',
  leaveMessage: 'handover.leave_message',
  messageLeft: 'handover.message_left',
  joined: 'handover.joined',
  left: 'handover.left',
  closed: 'handover.closed',
} as const;

const ClientMessageId = Type.String({
  minLength: 1,
  maxLength: LIMITS.clientMessageIdMaxChars,
  pattern: '^[A-Za-z0-9_-]+$',
});
const Text = Type.String({ minLength: 1, maxLength: LIMITS.messageMaxChars });
const ConversationId = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' });

// visitor -> server
export const VisitorAuthFrameSchema = Type.Object(
  { type: Type.Literal('auth'), token: Type.String({ pattern: '^[A-Za-z0-9_-]{20,100}$' }) },
  { additionalProperties: false },
);
export const VisitorMessageFrameSchema = Type.Object(
  { type: Type.Literal('message'), clientMessageId: ClientMessageId, text: Text },
  { additionalProperties: false },
);
export const TypingFrameSchema = Type.Object({ type: Type.Literal('typing') }, { additionalProperties: false });
export const VisitorFrameSchema = Type.Union([VisitorAuthFrameSchema, VisitorMessageFrameSchema, TypingFrameSchema]);
export type VisitorFrame = Static<typeof VisitorFrameSchema>;

// agent -> server
const AgentConversationFrame = <T extends string>(type: T) =>
  Type.Object({ type: Type.Literal(type), conversationId: ConversationId }, { additionalProperties: false });
export const AgentFrameSchema = Type.Union([
  Type.Object({ type: Type.Literal('status'), online: Type.Boolean() }, { additionalProperties: false }),
  AgentConversationFrame('take'),
  AgentConversationFrame('transcript'),
  AgentConversationFrame('typing'),
  AgentConversationFrame('release'),
  AgentConversationFrame('close'),
  Type.Object(
    { type: Type.Literal('message'), conversationId: ConversationId, clientMessageId: ClientMessageId, text: Text },
    { additionalProperties: false },
  ),
]);
export type AgentFrame = Static<typeof AgentFrameSchema>;

/** One message as the live channel shows it: always the stored, masked text. */
export interface LiveMessage {
  id: number;
  role: 'user' | 'bot' | 'agent';
  text: string;
  at: string;
}

/** A conversation waiting for (or left for) a person, as the agent's queue shows it. */
export interface QueueItem {
  conversationId: string;
  municipalityId: string;
  state: HandoverState;
  language: string;
  /** when the citizen asked for a person */
  since: string;
  agentId: string | null;
}

/** server -> visitor */
export type ServerToVisitorFrame =
  | { type: 'ready'; state: HandoverState }
  | { type: 'ack'; clientMessageId: string }
  | { type: 'message'; message: LiveMessage }
  | { type: 'typing'; from: 'agent' }
  | { type: 'joined' }
  | { type: 'left'; reason: 'released' | 'disconnected' }
  | { type: 'state'; state: HandoverState }
  | { type: 'error'; code: string; message: string };

/** server -> agent */
export type ServerToAgentFrame =
  | { type: 'hello'; agentId: string; municipalities: string[] }
  | { type: 'queue'; items: QueueItem[] }
  | { type: 'transcript'; conversationId: string; messages: LiveMessage[] }
  | { type: 'ack'; conversationId?: string; clientMessageId?: string; messageId?: number; action?: string }
  | { type: 'message'; conversationId: string; message: LiveMessage }
  | { type: 'typing'; conversationId: string; from: 'visitor' }
  | { type: 'joined' | 'left'; conversationId: string; who: 'visitor' | 'agent' }
  | { type: 'state'; conversationId: string; state: HandoverState; agentId: string | null }
  | { type: 'deleted'; conversationId: string }
  | { type: 'error'; code: string; message: string; conversationId?: string };
