// The municipality's staff: who works here with which roles, invitations, and changing or withdrawing roles.
import type { StaffRole } from '@kommunechat/protocol';
import { api } from './api.ts';
import { formValues, h, show } from './dom.ts';

interface Member {
  id: string;
  email: string;
  name: string;
  roles: StaffRole[];
  active: boolean;
}

const ROLE_LABELS: Record<StaffRole, string> = {
  municipality_admin: 'Municipality admin',
  editor: 'Editor (answers)',
  analyst: 'Analyst (statistics)',
  reviewer: 'Reviewer (chat logs)',
  agent: 'Agent (live chat)',
};
/** In the protocol's order; the Record type above makes sure none is missing (no runtime import of the protocol). */
const ROLES = Object.keys(ROLE_LABELS) as StaffRole[];

function rolesOf(form: HTMLFormElement): StaffRole[] {
  return new FormData(form).getAll('roles').map(String) as StaffRole[];
}

function roleBoxes(legend: string, checked: readonly StaffRole[]): HTMLFieldSetElement {
  return h(
    'fieldset',
    {},
    h('legend', {}, legend),
    ROLES.map((r) =>
      h(
        'label',
        {},
        h('input', { type: 'checkbox', name: 'roles', value: r, ...(checked.includes(r) ? { checked: true } : {}) }),
        ROLE_LABELS[r],
      ),
    ),
  );
}

export async function staffView(options: {
  slug: string;
  say: (message: string) => void;
  fail: (err: unknown) => void;
}): Promise<void> {
  const { slug, say, fail } = options;
  const { members } = await api<{ members: Member[] }>('GET', `/municipalities/${slug}/members`);
  const rerender = () => staffView(options).catch(fail);

  const rows = members.map((m) => {
    const form: HTMLFormElement = h(
      'form',
      {
        onsubmit: async (e: Event) => {
          e.preventDefault();
          const roles = rolesOf(form);
          await api('PUT', `/municipalities/${slug}/members/${m.id}/roles`, { roles }).then(() => {
            say(roles.length > 0 ? `Roles of ${m.email} saved.` : `${m.email} no longer works here.`);
            return rerender();
          }, fail);
        },
      },
      roleBoxes(`Roles of ${m.email}`, m.roles),
      h('button', { type: 'submit' }, 'Save roles'),
    );
    return h(
      'tr',
      {},
      h('td', {}, m.name),
      h('td', {}, m.email),
      h('td', {}, m.active ? 'active' : 'invited or disabled'),
      h('td', {}, form),
    );
  });

  const invitation = h('p', { id: 'invitation', 'aria-live': 'polite' });
  const invite: HTMLFormElement = h(
    'form',
    {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const v = formValues(invite);
        try {
          const res = await api<{ member: Member; invitePath: string | null }>(
            'POST',
            `/municipalities/${slug}/members`,
            { email: v.email, name: v.name, roles: rolesOf(invite) },
          );
          await rerender();
          if (res.invitePath) {
            say(`Invitation created for ${res.member.email}.`);
            document
              .getElementById('invitation')
              ?.replaceChildren(
                'Send this link to the person; it is shown only now and is valid for 7 days: ',
                h('code', {}, `${location.origin}${res.invitePath}`),
              );
          } else say(`${res.member.email} already had an account and now has roles here.`);
        } catch (err) {
          fail(err);
        }
      },
    },
    h('label', {}, 'Name', h('input', { name: 'name', required: true, maxlength: 120 })),
    h('label', {}, 'E-mail', h('input', { name: 'email', type: 'email', required: true })),
    roleBoxes('Roles', []),
    h('button', { type: 'submit' }, 'Invite'),
  );

  show(
    h('h1', {}, 'Staff'),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Name', 'E-mail', 'Account', 'Roles'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h('tbody', {}, rows),
    ),
    h('h2', {}, 'Invite someone'),
    invite,
    invitation,
  );
}
