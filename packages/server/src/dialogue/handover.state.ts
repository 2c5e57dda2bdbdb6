import type { HandoverState } from '@kommunechat/protocol';

/** The persisted handover state of one conversation. */
export interface HandoverSnapshot {
  state: HandoverState;
  /** the agent who holds the conversation (with_agent only) */
  agentId: string | null;
}

export type HandoverEvent =
  | { type: 'request' }
  | { type: 'leave_message' }
  | { type: 'agent_take'; agentId: string }
  | { type: 'agent_message'; agentId: string }
  | { type: 'visitor_message' }
  | { type: 'agent_release'; agentId: string }
  | { type: 'agent_disconnect'; agentId: string }
  | { type: 'close'; by: 'visitor' | 'agent'; agentId?: string }
  | { type: 'visitor_delete' };

export type HandoverEventType = HandoverEvent['type'];

/** What the statistics count about handovers (no conversation id, no text). */
export type HandoverOutcome =
  'requested' | 'taken' | 'released' | 'requeued' | 'closed' | 'message_left' | 'deleted' | 'abandoned';

/** What must happen besides persisting the new state; the service carries these out, in order. */
export type HandoverEffect =
  /** the message is stored (masked) and delivered to the other side */
  | { kind: 'deliver' }
  /** the message is not for a person: the bot answers it */
  | { kind: 'dialogue' }
  /** the municipality's queue changed: agents get a fresh one */
  | { kind: 'queue' }
  /** tell the visitor (a bot message is stored for the lasting ones) */
  | {
      kind: 'visitor';
      event: 'waiting' | 'joined' | 'released' | 'disconnected' | 'closed' | 'leave_message' | 'message_left';
    }
  /** tell the agent holding the conversation */
  | { kind: 'agent'; event: 'deleted' | 'closed' }
  | { kind: 'count'; outcome: HandoverOutcome }
  /** the conversation ends (no further messages) */
  | { kind: 'end' };

export type TransitionResult =
  | { ok: true; next: HandoverSnapshot; effects: HandoverEffect[] }
  | { ok: false; reason: 'not_allowed' | 'not_your_conversation' | 'taken_by_another_agent' };

type Rule = (s: HandoverSnapshot, e: HandoverEvent) => TransitionResult;

const to = (state: HandoverState, agentId: string | null, ...effects: HandoverEffect[]): TransitionResult => ({
  ok: true,
  next: { state, agentId },
  effects,
});
const agentOf = (e: HandoverEvent): string | undefined => ('agentId' in e ? e.agentId : undefined);
/** Only the agent holding the conversation may speak, release or close it. */
const holder =
  (rule: Rule): Rule =>
  (s, e) =>
    agentOf(e) !== undefined && agentOf(e) !== s.agentId ? { ok: false, reason: 'not_your_conversation' } : rule(s, e);

const deleted: Rule = (s) =>
  to(
    'closed',
    null,
    ...(s.agentId ? [{ kind: 'agent', event: 'deleted' } as const] : []),
    { kind: 'queue' },
    { kind: 'count', outcome: 'deleted' },
  );
/** The citizen asks for a person: into the queue, whatever the bot or an earlier handover left behind. */
const requestPerson: Rule = () =>
  to(
    'waiting',
    null,
    { kind: 'visitor', event: 'waiting' },
    { kind: 'queue' },
    { kind: 'count', outcome: 'requested' },
  );
const startLeavingMessage: Rule = () => to('leaving_message', null, { kind: 'visitor', event: 'leave_message' });
/** A waiting citizen who gives up goes back to the bot; an agent closing a waiting conversation ends it. */
const closeQueued: Rule = (_s, e) =>
  e.type === 'close' && e.by === 'visitor'
    ? to('bot', null, { kind: 'queue' }, { kind: 'count', outcome: 'abandoned' })
    : to(
        'closed',
        null,
        { kind: 'queue' },
        { kind: 'visitor', event: 'closed' },
        { kind: 'count', outcome: 'closed' },
        { kind: 'end' },
      );

/**
 * The handover state table: for each state, the events it accepts and what follows. Anything not listed is
 * refused, so crossed messages (a release racing a message, two agents taking one conversation) cannot leave the
 * conversation in an unplanned state.
 */
export const HANDOVER_TABLE: Readonly<Record<HandoverState, Partial<Record<HandoverEventType, Rule>>>> = {
  bot: {
    request: requestPerson,
    leave_message: startLeavingMessage,
    visitor_message: () => to('bot', null, { kind: 'dialogue' }),
    visitor_delete: () => to('closed', null),
  },
  waiting: {
    request: () => to('waiting', null),
    agent_take: (_s, e) =>
      to(
        'with_agent',
        agentOf(e) ?? null,
        { kind: 'visitor', event: 'joined' },
        { kind: 'queue' },
        { kind: 'count', outcome: 'taken' },
      ),
    visitor_message: () => to('waiting', null, { kind: 'deliver' }),
    leave_message: () => to('leaving_message', null, { kind: 'visitor', event: 'leave_message' }, { kind: 'queue' }),
    close: closeQueued,
    visitor_delete: deleted,
  },
  with_agent: {
    agent_take: (s, e) =>
      agentOf(e) === s.agentId ? to('with_agent', s.agentId) : { ok: false, reason: 'taken_by_another_agent' },
    agent_message: holder((s) => to('with_agent', s.agentId, { kind: 'deliver' })),
    visitor_message: (s) => to('with_agent', s.agentId, { kind: 'deliver' }),
    agent_release: holder(() =>
      to(
        'bot',
        null,
        { kind: 'visitor', event: 'released' },
        { kind: 'queue' },
        { kind: 'count', outcome: 'released' },
      ),
    ),
    agent_disconnect: holder(() =>
      to(
        'waiting',
        null,
        { kind: 'visitor', event: 'disconnected' },
        { kind: 'queue' },
        { kind: 'count', outcome: 'requeued' },
      ),
    ),
    close: holder((s) =>
      to(
        'closed',
        null,
        { kind: 'visitor', event: 'closed' },
        ...(s.agentId ? [{ kind: 'agent', event: 'closed' } as const] : []),
        { kind: 'queue' },
        { kind: 'count', outcome: 'closed' },
        { kind: 'end' },
      ),
    ),
    visitor_delete: deleted,
  },
  leaving_message: {
    visitor_message: () =>
      to(
        'message_left',
        null,
        { kind: 'deliver' },
        { kind: 'visitor', event: 'message_left' },
        { kind: 'queue' },
        { kind: 'count', outcome: 'message_left' },
      ),
    request: requestPerson,
    close: () => to('bot', null),
    visitor_delete: deleted,
  },
  message_left: {
    // the message is in the queue; the bot goes on meanwhile, and an agent closes the item once it is handled
    visitor_message: () => to('message_left', null, { kind: 'dialogue' }),
    request: requestPerson,
    close: (_s, e) =>
      e.type === 'close' && e.by === 'agent'
        ? to('closed', null, { kind: 'queue' }, { kind: 'count', outcome: 'closed' })
        : { ok: false, reason: 'not_allowed' },
    visitor_delete: deleted,
  },
  // the handover is over; unless an agent ended the conversation with it, the bot carries on
  closed: {
    visitor_message: () => to('closed', null, { kind: 'dialogue' }),
    request: requestPerson,
    leave_message: startLeavingMessage,
    visitor_delete: () => to('closed', null),
  },
};

/**
 * The pure transition function: (snapshot, event) -> next snapshot and effects, or a refusal. No I/O: the caller
 * holds the conversation's row lock, persists `next` and carries out `effects` in the same transaction (events to
 * other sockets only after commit).
 */
export function transition(snapshot: HandoverSnapshot, event: HandoverEvent): TransitionResult {
  const rule = HANDOVER_TABLE[snapshot.state][event.type];
  return rule ? rule(snapshot, event) : { ok: false, reason: 'not_allowed' };
}

/** The snapshot of a conversation that never asked for a person. */
export const INITIAL_HANDOVER: HandoverSnapshot = { state: 'bot', agentId: null };

/** States in which the citizen's messages go to people rather than to the bot. */
export function isWithPeople(state: HandoverState): boolean {
  return state === 'waiting' || state === 'with_agent' || state === 'leaving_message';
}
