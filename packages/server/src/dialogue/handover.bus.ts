import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { HandoverState } from '@kommunechat/protocol';

/**
 * What happened in a handover, for the sockets of every server instance. Signals carry ids only, never text: a
 * receiving instance reads the committed (masked) message from the database, so no citizen text travels through
 * NOTIFY and a signal can never announce something that was not committed.
 */
export type HandoverSignal =
  | { kind: 'message'; conversationId: string; municipalityId: string; messageId: number }
  | { kind: 'typing'; conversationId: string; municipalityId: string; from: 'visitor' | 'agent' }
  | {
      kind: 'state';
      conversationId: string;
      municipalityId: string;
      state: HandoverState;
      agentId: string | null;
      /** what the visitor is told with it */
      visitor?: 'joined' | 'released' | 'disconnected' | 'closed' | undefined;
    }
  | { kind: 'queue'; municipalityId: string }
  | { kind: 'deleted'; conversationId: string; municipalityId: string; agentId: string | null };

/** Delivers signals to every instance, this one included (each instance hears its own signals exactly once). */
export interface HandoverBus {
  publish(signals: readonly HandoverSignal[]): Promise<void>;
  subscribe(listener: (signal: HandoverSignal) => void): () => void;
  close(): Promise<void>;
}

/** One process (PGlite): an in-process emitter. */
export function createMemoryBus(): HandoverBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(signals) {
      // asynchronous like NOTIFY, so publishers never run listeners inside their own call stack
      for (const s of signals) setImmediate(() => emitter.emit('signal', s));
    },
    subscribe(listener) {
      emitter.on('signal', listener);
      return () => emitter.off('signal', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

const CHANNEL = 'kommunechat_handover';

/**
 * Several instances on one PostgreSQL: LISTEN/NOTIFY on a dedicated connection (a pooled one could be handed to
 * a query while a notification is due). On a lost connection it reconnects; signals sent meanwhile are missed,
 * which clients survive because every socket reloads the state and transcript when it (re)connects.
 */
export async function createPostgresBus(
  databaseUrl: string,
  onError: (err: Error) => void = () => {},
): Promise<HandoverBus> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let client: pg.Client | undefined;
  let closed = false;
  let reconnect: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: databaseUrl });
    c.on('notification', (n) => {
      if (n.channel !== CHANNEL || !n.payload) return;
      try {
        emitter.emit('signal', JSON.parse(n.payload) as HandoverSignal);
      } catch (err) {
        onError(err as Error);
      }
    });
    c.on('error', (err) => {
      onError(err);
      if (client === c) client = undefined;
      void c.end().catch(() => {});
      if (!closed) reconnect = setTimeout(() => void connect().catch(onError), 1_000);
    });
    await c.connect();
    await c.query(`listen ${CHANNEL}`);
    client = c;
  };
  await connect();

  return {
    async publish(signals) {
      if (signals.length === 0) return;
      const c = client;
      if (!c) throw new Error('handover bus is reconnecting');
      // one statement, so the signals of one transaction arrive together and in order
      const payloads = signals.map((s) => JSON.stringify(s));
      await c.query(`select pg_notify($1, p) from unnest($2::text[]) with ordinality as t(p, i) order by i`, [
        CHANNEL,
        payloads,
      ]);
    },
    subscribe(listener) {
      emitter.on('signal', listener);
      return () => emitter.off('signal', listener);
    },
    async close() {
      closed = true;
      clearTimeout(reconnect);
      emitter.removeAllListeners();
      await client?.end().catch(() => {});
      client = undefined;
    },
  };
}
