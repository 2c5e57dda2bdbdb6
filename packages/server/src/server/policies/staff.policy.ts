import type { StaffRole } from '@kommunechat/protocol';

/**
 * Who may do what inside one municipality, as data: an action lists the roles that grant it. Platform admins may
 * do everything in every municipality except what is listed in PERSONAL_ACCESS: reading citizens' (masked) chat
 * logs stays with the few people a municipality made reviewers, platform admins included.
 */
export const POLICY = {
  'municipality.view': ['municipality_admin', 'editor', 'analyst', 'reviewer', 'agent'],
  'settings.read': ['municipality_admin'],
  'settings.update': ['municipality_admin'],
  'members.manage': ['municipality_admin'],
  'answers.read': ['municipality_admin', 'editor'],
  'answers.write': ['municipality_admin', 'editor'],
  'stats.read': ['municipality_admin', 'analyst'],
  'billing.read': ['municipality_admin'],
  'audit.read': ['municipality_admin'],
  'chatlog.read': ['reviewer'],
  'worklist.work': ['reviewer'],
  'training.manage': ['editor', 'reviewer'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Action = keyof typeof POLICY;

/** Actions that show citizens' (masked) messages: never granted by the platform-admin flag alone. */
export const PERSONAL_ACCESS: ReadonlySet<Action> = new Set<Action>(['chatlog.read', 'worklist.work']);

/** What the policy needs to know about a staff member. */
export interface Actor {
  platformAdmin: boolean;
  /** municipality id -> roles held there */
  roles: ReadonlyMap<string, readonly StaffRole[]>;
}

/**
 * The decision for an action in a municipality. `hidden`: the actor has nothing to do with the municipality, so
 * its existence is not confirmed (404); `forbidden`: a member whose roles do not grant the action (403).
 */
export type Decision = { outcome: 'allowed'; role: string } | { outcome: 'forbidden' | 'hidden' };

export function decide(actor: Actor, action: Action, municipalityId: string): Decision {
  const held = actor.roles.get(municipalityId) ?? [];
  const granting = held.find((r) => (POLICY[action] as readonly StaffRole[]).includes(r));
  if (granting) return { outcome: 'allowed', role: granting };
  if (actor.platformAdmin && !PERSONAL_ACCESS.has(action)) return { outcome: 'allowed', role: 'platform_admin' };
  return held.length > 0 || actor.platformAdmin ? { outcome: 'forbidden' } : { outcome: 'hidden' };
}

/** Every action an actor may take in a municipality (the console shows only those sections). */
export function allowedActions(actor: Actor, municipalityId: string): Action[] {
  return (Object.keys(POLICY) as Action[]).filter((a) => decide(actor, a, municipalityId).outcome === 'allowed');
}
