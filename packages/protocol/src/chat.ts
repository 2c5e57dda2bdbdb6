import { Type, type Static } from '@sinclair/typebox';
import { LIMITS } from './limits.ts';
import { ChannelSchema, LanguageSchema } from './schemas.ts';

export const QuickReplySchema = Type.Object({ label: Type.String(), payload: Type.String() });

export const BotMessageSchema = Type.Object({
  id: Type.Integer({ description: 'message id, for feedback on this answer' }),
  role: Type.Literal('bot'),
  text: Type.String(),
  intent: Type.Optional(Type.String()),
  quickReplies: Type.Optional(Type.Array(QuickReplySchema)),
});
export type BotMessage = Static<typeof BotMessageSchema>;

export const StartConversationBodySchema = Type.Object(
  {
    language: Type.Optional(LanguageSchema),
    channel: Type.Optional(ChannelSchema),
  },
  { additionalProperties: false },
);
export type StartConversationBody = Static<typeof StartConversationBodySchema>;

export const StartConversationResponseSchema = Type.Object({
  conversationId: Type.String({ format: 'uuid' }),
  token: Type.String({ description: 'shown once; send as `Authorization: Bearer <token>`' }),
  language: LanguageSchema,
  messages: Type.Array(BotMessageSchema),
});
export type StartConversationResponse = Static<typeof StartConversationResponseSchema>;

export const SendMessageBodySchema = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: LIMITS.messageMaxChars }),
    quickReply: Type.Optional(
      Type.String({ maxLength: 200, description: 'payload of the quick reply the citizen chose' }),
    ),
    clientMessageId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: LIMITS.clientMessageIdMaxChars,
        pattern: '^[A-Za-z0-9_-]+$',
        description: 'chosen by the client; a retry with the same id gets the stored reply instead of a second answer',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SendMessageBody = Static<typeof SendMessageBodySchema>;

export const SendMessageResponseSchema = Type.Object({
  language: LanguageSchema,
  messages: Type.Array(BotMessageSchema),
});
export type SendMessageResponse = Static<typeof SendMessageResponseSchema>;

export const EndConversationBodySchema = Type.Object(
  {
    helpful: Type.Optional(Type.Boolean({ description: 'did the conversation help, overall' })),
    answers: Type.Optional(
      Type.Array(Type.Object({ messageId: Type.Integer(), helpful: Type.Boolean() }, { additionalProperties: false }), {
        maxItems: 100,
      }),
    ),
  },
  { additionalProperties: false },
);
export type EndConversationBody = Static<typeof EndConversationBodySchema>;

export const AnswerFeedbackBodySchema = Type.Object({ helpful: Type.Boolean() }, { additionalProperties: false });

export const ConversationExportSchema = Type.Object({
  conversation: Type.Object({
    id: Type.String(),
    startedAt: Type.String(),
    lastActivityAt: Type.String(),
    endedAt: Type.Union([Type.String(), Type.Null()]),
    language: Type.String(),
    channel: Type.String(),
    platform: Type.Union([Type.String(), Type.Null()]),
    browser: Type.Union([Type.String(), Type.Null()]),
  }),
  messages: Type.Array(Type.Object({ role: Type.String(), text: Type.String(), at: Type.String() })),
});

export const DeleteReceiptSchema = Type.Object({
  deleted: Type.Literal(true),
  receipt: Type.Object({ conversationId: Type.String(), deletedAt: Type.String(), messagesDeleted: Type.Integer() }),
});
export type DeleteReceipt = Static<typeof DeleteReceiptSchema>;
