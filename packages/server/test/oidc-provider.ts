import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/** Who the provider says has signed in at its (skipped) login page. */
export interface ProviderUser {
  sub: string;
  email?: string;
  emailVerified?: boolean;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** the person the next authorisation signs in */
  user: ProviderUser;
  /** a nonce to put in the ID token instead of the client's, to test that the client refuses it */
  forceNonce: string | undefined;
  /** requests to the token endpoint, to check what the client sent */
  tokenRequests: URLSearchParams[];
  close(): Promise<void>;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | undefined;
  user: ProviderUser;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** HTTP Basic client authentication as RFC 6749 §2.3.1 has it: both parts form-url-encoded before base64. */
function basicCredentials(header: string | undefined): [string, string] | undefined {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
  if (!match) return undefined;
  const [user, password] = Buffer.from(match[1]!, 'base64').toString('utf8').split(':');
  const decode = (v: string) => decodeURIComponent(v.replace(/\+/g, ' '));
  return user === undefined || password === undefined ? undefined : [decode(user), decode(password)];
}

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A small but real OpenID Connect provider on 127.0.0.1 for tests: discovery, an authorisation endpoint that signs
 * in `user` without a login page, a token endpoint that checks the client secret (HTTP Basic), the code, the
 * redirect URI and the PKCE verifier, and ID tokens signed with ES256 and published as a JWKS.
 */
export async function startTestOidcProvider(): Promise<TestOidcProvider> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
  const codes = new Map<string, PendingCode>();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider: TestOidcProvider = {
    issuer,
    clientId: 'kommunechat-test',
    clientSecret: randomBytes(16).toString('hex'),
    user: { sub: 'subject-1', email: 'staff@example.org' },
    forceNonce: undefined,
    tokenRequests: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  function clientAuthenticated(header: string | undefined): boolean {
    const credentials = basicCredentials(header);
    return credentials?.[0] === provider.clientId && credentials[1] === provider.clientSecret;
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await formOf(req);
    provider.tokenRequests.push(form);
    if (!clientAuthenticated(req.headers.authorization)) return send(res, 401, { error: 'invalid_client' });
    const pending = codes.get(form.get('code') ?? '');
    codes.delete(form.get('code') ?? '');
    const challenge = createHash('sha256')
      .update(form.get('code_verifier') ?? '')
      .digest('base64url');
    if (
      form.get('grant_type') !== 'authorization_code' ||
      !pending ||
      pending.redirectUri !== form.get('redirect_uri') ||
      pending.codeChallenge !== challenge
    )
      return send(res, 400, { error: 'invalid_grant' });
    const claims = {
      ...(pending.user.email !== undefined ? { email: pending.user.email } : {}),
      ...(pending.user.emailVerified !== undefined ? { email_verified: pending.user.emailVerified } : {}),
      nonce: provider.forceNonce ?? pending.nonce,
    };
    const idToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: jwk.kid! })
      .setIssuer(issuer)
      .setSubject(pending.user.sub)
      .setAudience(pending.clientId)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    send(res, 200, {
      access_token: randomBytes(16).toString('hex'),
      token_type: 'Bearer',
      expires_in: 300,
      id_token: idToken,
    });
  }

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration')
      return send(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['ES256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
      });
    if (url.pathname === '/jwks') return send(res, 200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri') ?? '';
      if (q.get('client_id') !== provider.clientId || q.get('response_type') !== 'code' || !redirectUri)
        return send(res, 400, { error: 'invalid_request' });
      if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge'))
        return send(res, 400, { error: 'invalid_request', error_description: 'PKCE S256 is required' });
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        clientId: provider.clientId,
        redirectUri,
        codeChallenge: q.get('code_challenge')!,
        nonce: q.get('nonce') ?? undefined,
        user: provider.user,
      });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') return void token(req, res);
    send(res, 404, { error: 'not_found' });
  });
  return provider;
}
