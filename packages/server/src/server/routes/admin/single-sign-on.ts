import * as oidc from 'openid-client';
import { openSecret } from '../../../privacy/secret-box.ts';
import type { MunicipalitySsoRow } from '../../../store/sso.repository.ts';

/** What the identity provider vouched for after a successful sign-in. */
export interface SsoIdentity {
  issuer: string;
  subject: string;
  /** only when the provider does not say it is unverified */
  email: string | undefined;
}

/** What a sign-in under way needs back at the callback; the state is also kept in the browser's cookie. */
export interface SsoStart {
  authorizationUrl: URL;
  state: string;
  codeVerifier: string;
  nonce: string;
}

const SCOPE = 'openid email profile';

/** What a sealed client secret is bound to: it cannot be moved to another municipality's row. */
export function clientSecretContext(municipalityId: string): string {
  return `sso-client-secret:${municipalityId}`;
}
const DISCOVERY_TIMEOUT_SECONDS = 10;

/** Plain HTTP is allowed only for a provider on this machine (development and tests); anything else needs HTTPS. */
function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/**
 * OpenID Connect single sign-on with each municipality's own identity provider (openid-client): the authorization
 * code flow with PKCE (S256), state and nonce; the ID token is verified against the provider's published keys.
 * The provider's discovery document is fetched once per configuration and kept in memory.
 */
export class SingleSignOn {
  private readonly configurations = new Map<string, Promise<oidc.Configuration>>();
  private readonly secretKey: Buffer | undefined;

  constructor(secretKey: Buffer | undefined) {
    this.secretKey = secretKey;
  }

  /** The client configuration of a provider (discovered once; a failed discovery is tried again next time). */
  configurationOf(p: Pick<MunicipalitySsoRow, 'municipality_id' | 'issuer' | 'client_id' | 'client_secret'>) {
    const key = JSON.stringify([p.municipality_id, p.issuer, p.client_id, p.client_secret]);
    let found = this.configurations.get(key);
    if (!found) {
      const issuer = new URL(p.issuer);
      const secret =
        p.client_secret === null
          ? null
          : openSecret(this.secretKey, p.client_secret, clientSecretContext(p.municipality_id));
      found = oidc.discovery(
        issuer,
        p.client_id,
        secret === null ? undefined : { client_secret: secret },
        secret === null ? oidc.None() : oidc.ClientSecretBasic(secret),
        {
          timeout: DISCOVERY_TIMEOUT_SECONDS,
          ...(isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
        },
      );
      found.catch(() => this.configurations.delete(key));
      this.configurations.set(key, found);
    }
    return found;
  }

  async start(p: MunicipalitySsoRow, redirectUri: string): Promise<SsoStart> {
    const configuration = await this.configurationOf(p);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const authorizationUrl = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: SCOPE,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { authorizationUrl, state, codeVerifier, nonce };
  }

  /** Exchanges the code of the callback URL; throws when the state, nonce, PKCE or the ID token do not check out. */
  async finish(
    p: MunicipalitySsoRow,
    callbackUrl: URL,
    checks: { state: string; codeVerifier: string; nonce: string },
  ): Promise<SsoIdentity> {
    const configuration = await this.configurationOf(p);
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      pkceCodeVerifier: checks.codeVerifier,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    const email = typeof claims.email === 'string' && claims.email_verified !== false ? claims.email : undefined;
    return { issuer: claims.iss, subject: claims.sub, email };
  }
}
