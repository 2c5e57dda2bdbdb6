import { describe, expect, it } from 'vitest';
import type { StaffRole } from '@kommunechat/protocol';
import { POLICY, allowedActions, decide, type Action, type Actor } from './staff.policy.ts';

const A = 'municipality-a';
const B = 'municipality-b';
const actor = (roles: Record<string, StaffRole[]>, platformAdmin = false): Actor => ({
  platformAdmin,
  roles: new Map(Object.entries(roles)),
});

describe('staff policy', () => {
  it('hides another municipality entirely, whatever the roles at home', () => {
    const admin = actor({ [A]: ['municipality_admin', 'reviewer', 'editor', 'analyst'] });
    for (const action of Object.keys(POLICY) as Action[])
      expect(decide(admin, action, B)).toEqual({ outcome: 'hidden' });
  });

  it('forbids (rather than hides) what a member of the municipality lacks the role for', () => {
    const analyst = actor({ [A]: ['analyst'] });
    expect(decide(analyst, 'stats.read', A)).toEqual({ outcome: 'allowed', role: 'analyst' });
    expect(decide(analyst, 'chatlog.read', A)).toEqual({ outcome: 'forbidden' });
    expect(decide(analyst, 'answers.write', A)).toEqual({ outcome: 'forbidden' });
  });

  it('lets only reviewers read chat logs: not editors, analysts, admins, nor platform admins', () => {
    expect(decide(actor({ [A]: ['reviewer'] }), 'chatlog.read', A).outcome).toBe('allowed');
    for (const role of ['municipality_admin', 'editor', 'analyst', 'agent'] as const)
      expect(decide(actor({ [A]: [role] }), 'chatlog.read', A).outcome).toBe('forbidden');
    expect(decide(actor({}, true), 'chatlog.read', A).outcome).toBe('forbidden');
    expect(decide(actor({ [A]: ['reviewer'] }, true), 'chatlog.read', A)).toEqual({
      outcome: 'allowed',
      role: 'reviewer',
    });
  });

  it('gives platform admins every other action in every municipality', () => {
    const platform = actor({}, true);
    expect(decide(platform, 'settings.update', B)).toEqual({ outcome: 'allowed', role: 'platform_admin' });
    expect(allowedActions(platform, B)).not.toContain('chatlog.read');
    expect(allowedActions(platform, B)).toContain('members.manage');
  });

  it('limits editors to answers and training phrases', () => {
    expect(allowedActions(actor({ [A]: ['editor'] }), A).sort()).toEqual([
      'answers.read',
      'answers.write',
      'municipality.view',
      'training.manage',
    ]);
  });
});
