import { HANDOVER_STATES } from '@kommunechat/protocol';
import { describe, expect, it } from 'vitest';
import {
  HANDOVER_TABLE,
  INITIAL_HANDOVER,
  isWithPeople,
  transition,
  type HandoverEvent,
  type HandoverSnapshot,
} from './handover.state.ts';

const A = 'agent-a';
const B = 'agent-b';

function run(start: HandoverSnapshot, ...events: HandoverEvent[]): HandoverSnapshot {
  let s = start;
  for (const e of events) {
    const r = transition(s, e);
    if (!r.ok) throw new Error(`${s.state} refused ${e.type}: ${r.reason}`);
    s = r.next;
  }
  return s;
}

const kinds = (s: HandoverSnapshot, e: HandoverEvent) => {
  const r = transition(s, e);
  if (!r.ok) throw new Error(r.reason);
  return r.effects.map((x) => ('event' in x ? `${x.kind}:${x.event}` : 'outcome' in x ? `count:${x.outcome}` : x.kind));
};

describe('handover state machine', () => {
  it('has a row for every state', () => {
    expect(Object.keys(HANDOVER_TABLE).sort()).toEqual([...HANDOVER_STATES].sort());
  });

  it('bot -> waiting -> with_agent -> bot (released)', () => {
    const waiting = run(INITIAL_HANDOVER, { type: 'request' });
    expect(waiting).toEqual({ state: 'waiting', agentId: null });
    const taken = run(waiting, { type: 'agent_take', agentId: A });
    expect(taken).toEqual({ state: 'with_agent', agentId: A });
    expect(kinds(waiting, { type: 'agent_take', agentId: A })).toEqual(['visitor:joined', 'queue', 'count:taken']);
    expect(run(taken, { type: 'agent_release', agentId: A })).toEqual(INITIAL_HANDOVER);
  });

  it('with_agent -> closed ends the conversation and tells the visitor', () => {
    const taken = run(INITIAL_HANDOVER, { type: 'request' }, { type: 'agent_take', agentId: A });
    expect(kinds(taken, { type: 'close', by: 'agent', agentId: A })).toEqual([
      'visitor:closed',
      'agent:closed',
      'queue',
      'count:closed',
      'end',
    ]);
    expect(run(taken, { type: 'close', by: 'agent', agentId: A }).state).toBe('closed');
  });

  it('a disconnected agent puts the conversation back in the queue and the visitor is told', () => {
    const taken = run(INITIAL_HANDOVER, { type: 'request' }, { type: 'agent_take', agentId: A });
    expect(run(taken, { type: 'agent_disconnect', agentId: A })).toEqual({ state: 'waiting', agentId: null });
    expect(kinds(taken, { type: 'agent_disconnect', agentId: A })).toEqual([
      'visitor:disconnected',
      'queue',
      'count:requeued',
    ]);
  });

  it('one agent per conversation: a second agent can neither take, speak, release nor close', () => {
    const taken = run(INITIAL_HANDOVER, { type: 'request' }, { type: 'agent_take', agentId: A });
    expect(transition(taken, { type: 'agent_take', agentId: B })).toEqual({
      ok: false,
      reason: 'taken_by_another_agent',
    });
    for (const e of [
      { type: 'agent_message', agentId: B },
      { type: 'agent_release', agentId: B },
      { type: 'agent_disconnect', agentId: B },
      { type: 'close', by: 'agent', agentId: B },
    ] as const) {
      expect(transition(taken, e)).toEqual({ ok: false, reason: 'not_your_conversation' });
    }
    // taking again by the same agent (a retried frame) changes nothing
    expect(transition(taken, { type: 'agent_take', agentId: A })).toEqual({ ok: true, next: taken, effects: [] });
  });

  it('routes visitor messages: bot answers in bot, people get them while waiting or with an agent', () => {
    expect(kinds(INITIAL_HANDOVER, { type: 'visitor_message' })).toEqual(['dialogue']);
    const waiting = run(INITIAL_HANDOVER, { type: 'request' });
    expect(kinds(waiting, { type: 'visitor_message' })).toEqual(['deliver']);
    const taken = run(waiting, { type: 'agent_take', agentId: A });
    expect(kinds(taken, { type: 'visitor_message' })).toEqual(['deliver']);
    expect(kinds(taken, { type: 'agent_message', agentId: A })).toEqual(['deliver']);
  });

  it('agents cannot write before taking, and nobody can release a conversation that is not live', () => {
    const waiting = run(INITIAL_HANDOVER, { type: 'request' });
    expect(transition(waiting, { type: 'agent_message', agentId: A })).toEqual({ ok: false, reason: 'not_allowed' });
    expect(transition(INITIAL_HANDOVER, { type: 'agent_release', agentId: A })).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
    expect(transition(INITIAL_HANDOVER, { type: 'agent_take', agentId: A })).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
  });

  it('leave a message: bot -> leaving_message -> message_left, then the bot carries on', () => {
    const leaving = run(INITIAL_HANDOVER, { type: 'leave_message' });
    expect(leaving.state).toBe('leaving_message');
    expect(kinds(leaving, { type: 'visitor_message' })).toEqual([
      'deliver',
      'visitor:message_left',
      'queue',
      'count:message_left',
    ]);
    const left = run(leaving, { type: 'visitor_message' });
    expect(left.state).toBe('message_left');
    expect(kinds(left, { type: 'visitor_message' })).toEqual(['dialogue']);
    expect(run(left, { type: 'close', by: 'agent', agentId: A }).state).toBe('closed');
    expect(transition(left, { type: 'close', by: 'visitor' })).toEqual({ ok: false, reason: 'not_allowed' });
  });

  it('a waiting visitor who gives up is back with the bot; the conversation goes on', () => {
    const waiting = run(INITIAL_HANDOVER, { type: 'request' });
    expect(run(waiting, { type: 'close', by: 'visitor' })).toEqual(INITIAL_HANDOVER);
    expect(kinds(waiting, { type: 'close', by: 'visitor' })).toEqual(['queue', 'count:abandoned']);
  });

  it('a citizen deleting during a handover tells the agent holding it', () => {
    const taken = run(INITIAL_HANDOVER, { type: 'request' }, { type: 'agent_take', agentId: A });
    expect(kinds(taken, { type: 'visitor_delete' })).toEqual(['agent:deleted', 'queue', 'count:deleted']);
    for (const state of HANDOVER_STATES)
      expect(transition({ state, agentId: null }, { type: 'visitor_delete' }).ok).toBe(true);
  });

  it('asks again after a closed handover', () => {
    const closed: HandoverSnapshot = { state: 'closed', agentId: null };
    expect(run(closed, { type: 'request' }).state).toBe('waiting');
    expect(kinds(closed, { type: 'visitor_message' })).toEqual(['dialogue']);
  });

  it('every accepted transition lands in a known state with an agent only when with_agent', () => {
    const events: HandoverEvent[] = [
      { type: 'request' },
      { type: 'leave_message' },
      { type: 'agent_take', agentId: A },
      { type: 'agent_message', agentId: A },
      { type: 'visitor_message' },
      { type: 'agent_release', agentId: A },
      { type: 'agent_disconnect', agentId: A },
      { type: 'close', by: 'agent', agentId: A },
      { type: 'close', by: 'visitor' },
      { type: 'visitor_delete' },
    ];
    for (const state of HANDOVER_STATES) {
      for (const e of events) {
        const r = transition({ state, agentId: state === 'with_agent' ? A : null }, e);
        if (!r.ok) continue;
        expect(HANDOVER_STATES).toContain(r.next.state);
        expect(r.next.agentId !== null).toBe(r.next.state === 'with_agent');
      }
    }
  });

  it('knows when messages go to people', () => {
    expect(HANDOVER_STATES.filter(isWithPeople)).toEqual(['waiting', 'with_agent', 'leaving_message']);
  });
});
