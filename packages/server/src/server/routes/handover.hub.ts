import type { ServerToAgentFrame, ServerToVisitorFrame } from '@kommunechat/protocol';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { HandoverSignal } from '../../dialogue/handover.bus.ts';
import {
  requeueChatsOfVanishedAgents,
  toLiveMessage,
  type AgentIdentity,
  type HandoverDeps,
} from '../../dialogue/handover.service.ts';
import { findMessage, listQueue, touchPresence } from '../../store/handover.repository.ts';

/** What the hub needs of a socket. */
export interface FrameSink {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface VisitorConnection {
  conversationId: string;
  socket: FrameSink;
}

export interface AgentConnection {
  connectionId: string;
  agent: AgentIdentity;
  socket: FrameSink;
  online: boolean;
  /** conversations this connection took or opened: it gets their messages and typing */
  watching: Set<string>;
  /** checked at each heartbeat: false closes the socket (the staff session ended) */
  stillSignedIn: () => Promise<boolean>;
}

const QUEUE_DEBOUNCE_MS = 50;

/**
 * The sockets of this instance, and the fan-out of handover signals (from any instance) to them. Messages are
 * read from the database when a signal arrives, so every socket sees committed, masked text only.
 */
export class LiveHub {
  readonly #deps: HandoverDeps;
  readonly #log: Logger;
  readonly #visitors = new Map<string, Set<VisitorConnection>>();
  readonly #agents = new Set<AgentConnection>();
  readonly #unsubscribe: () => void;
  readonly #heartbeat: NodeJS.Timeout;
  #queueTimer: NodeJS.Timeout | undefined;
  readonly #queueDirty = new Set<string>();

  constructor(deps: HandoverDeps, log: Logger) {
    this.#deps = deps;
    this.#log = log;
    this.#unsubscribe = deps.bus.subscribe(
      (s) =>
        void this.#dispatch(s).catch((err: Error) =>
          this.#log.warn({ event: 'handover_dispatch_failed', kind: s.kind, err: err.message }),
        ),
    );
    this.#heartbeat = setInterval(
      () =>
        void this.#beat().catch((err: Error) =>
          this.#log.warn({ event: 'handover_heartbeat_failed', err: err.message }),
        ),
      deps.options.heartbeatMs,
    );
    this.#heartbeat.unref();
  }

  addVisitor(v: VisitorConnection): void {
    let set = this.#visitors.get(v.conversationId);
    if (!set) this.#visitors.set(v.conversationId, (set = new Set()));
    set.add(v);
  }

  removeVisitor(v: VisitorConnection): void {
    const set = this.#visitors.get(v.conversationId);
    set?.delete(v);
    if (set?.size === 0) this.#visitors.delete(v.conversationId);
  }

  addAgent(a: AgentConnection): void {
    this.#agents.add(a);
  }

  removeAgent(a: AgentConnection): void {
    this.#agents.delete(a);
  }

  get counts(): { visitors: number; agents: number } {
    let visitors = 0;
    for (const s of this.#visitors.values()) visitors += s.size;
    return { visitors, agents: this.#agents.size };
  }

  /** The agent's queue across its municipalities. */
  async queueFor(agent: AgentIdentity): Promise<ServerToAgentFrame> {
    const rows = await listQueue(this.#deps.db, agent.municipalities);
    return {
      type: 'queue',
      items: rows.map((r) => ({
        conversationId: r.conversationId,
        municipalityId: r.municipalityId,
        state: r.state,
        language: r.language,
        since: r.requestedAt.toISOString(),
        agentId: r.agentId,
      })),
    };
  }

  close(): void {
    this.#unsubscribe();
    clearInterval(this.#heartbeat);
    clearTimeout(this.#queueTimer);
  }

  #toVisitors(conversationId: string, frame: ServerToVisitorFrame): void {
    const data = JSON.stringify(frame);
    for (const v of this.#visitors.get(conversationId) ?? []) v.socket.send(data);
  }

  #watchers(conversationId: string): AgentConnection[] {
    return [...this.#agents].filter((a) => a.watching.has(conversationId));
  }

  async #dispatch(s: HandoverSignal): Promise<void> {
    if (s.kind === 'queue') {
      this.#queueDirty.add(s.municipalityId);
      this.#queueTimer ??= setTimeout(
        () =>
          void this.#flushQueues().catch((err: Error) =>
            this.#log.warn({ event: 'handover_queue_failed', err: err.message }),
          ),
        QUEUE_DEBOUNCE_MS,
      );
      return;
    }
    const watchers = this.#watchers(s.conversationId);
    const visitors = this.#visitors.get(s.conversationId);
    if (s.kind === 'message') {
      if (watchers.length === 0 && !visitors) return;
      const row = await findMessage(this.#deps.db, s.conversationId, s.messageId);
      if (!row) return; // deleted in the meantime
      const message = toLiveMessage(row);
      // the citizen's own messages are acknowledged to them instead of echoed
      if (message.role !== 'user') this.#toVisitors(s.conversationId, { type: 'message', message });
      for (const a of watchers)
        a.socket.send(
          JSON.stringify({ type: 'message', conversationId: s.conversationId, message } satisfies ServerToAgentFrame),
        );
    } else if (s.kind === 'typing') {
      if (s.from === 'agent') this.#toVisitors(s.conversationId, { type: 'typing', from: 'agent' });
      else
        for (const a of watchers)
          a.socket.send(
            JSON.stringify({
              type: 'typing',
              conversationId: s.conversationId,
              from: 'visitor',
            } satisfies ServerToAgentFrame),
          );
    } else if (s.kind === 'state') {
      this.#toVisitors(s.conversationId, { type: 'state', state: s.state });
      if (s.visitor === 'joined') this.#toVisitors(s.conversationId, { type: 'joined' });
      if (s.visitor === 'released' || s.visitor === 'disconnected')
        this.#toVisitors(s.conversationId, { type: 'left', reason: s.visitor });
      const frame = JSON.stringify({
        type: 'state',
        conversationId: s.conversationId,
        state: s.state,
        agentId: s.agentId,
      } satisfies ServerToAgentFrame);
      for (const a of this.#agents) if (a.agent.municipalities.includes(s.municipalityId)) a.socket.send(frame);
    } else {
      // deleted by the citizen: agents drop the content at once; the citizen's own sockets end
      const frame = JSON.stringify({ type: 'deleted', conversationId: s.conversationId } satisfies ServerToAgentFrame);
      for (const a of this.#agents) {
        if (a.watching.delete(s.conversationId) || a.agent.municipalities.includes(s.municipalityId))
          a.socket.send(frame);
      }
      for (const v of visitors ?? []) v.socket.close(4404, 'deleted');
    }
  }

  async #flushQueues(): Promise<void> {
    this.#queueTimer = undefined;
    const dirty = new Set(this.#queueDirty);
    this.#queueDirty.clear();
    // agents with the same municipalities share one query
    const byKey = new Map<string, AgentConnection[]>();
    for (const a of this.#agents) {
      if (!a.agent.municipalities.some((m) => dirty.has(m))) continue;
      const key = [...a.agent.municipalities].sort().join(',');
      byKey.set(key, [...(byKey.get(key) ?? []), a]);
    }
    for (const group of byKey.values()) {
      const frame = JSON.stringify(await this.queueFor(group[0]!.agent));
      for (const a of group) a.socket.send(frame);
    }
  }

  async #beat(): Promise<void> {
    const now = this.#deps.clock.now();
    const online: string[] = [];
    for (const a of this.#agents) {
      if (!(await a.stillSignedIn())) {
        a.socket.close(4401, 'signed out');
        continue;
      }
      if (a.online) online.push(a.connectionId);
    }
    await touchPresence(this.#deps.db, online, now);
    await requeueChatsOfVanishedAgents(this.#deps);
  }
}
