// A real OpenID Connect provider for the tests (panva's oidc-provider), on localhost.
//
// Usage: node tests/oidc/provider.mjs '<json>' with
//   {"providers": [{"port": 0, "clients": [{"client_id", "client_secret",
//     "redirect_uris": [...], "id_token_ttl": seconds}]}]}
// Each provider gets its own signing key (so one issuer's tokens never pass at another)
// and its own issuer, http://127.0.0.1:<port>. Its development sign-in page takes any
// login, which becomes the subject; the account's claims are made from it (its Google
// Workspace domain, `hd`, is example.org). PKCE (S256) is
// required of every client (the library's default). A client's ID tokens live
// `id_token_ttl` seconds: a negative one issues them already expired. When every
// provider listens, one line of JSON on stdout gives their issuers.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const config = JSON.parse(process.argv[2]);

function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' };
}

async function findAccount(ctx, sub) {
  return {
    accountId: sub,
    async claims() {
      return {
        sub, name: `Test ${sub}`, preferred_username: sub,
        email: `${sub}@example.org`, email_verified: true, hd: 'example.org',
      };
    },
  };
}

function start({ port, clients }) {
  const ttls = Object.fromEntries(clients.map((c) => [c.client_id, c.id_token_ttl ?? 300]));
  return new Promise((resolve) => {
    // The port (0: any free one) is known only once listening, and the issuer names it.
    const server = createServer();
    server.listen(port, '127.0.0.1', () => {
      const issuer = `http://127.0.0.1:${server.address().port}`;
      const provider = new Provider(issuer, {
        clients: clients.map(({ client_id, client_secret, redirect_uris }) => ({
          client_id, client_secret, redirect_uris, grant_types: ['authorization_code'],
          response_types: ['code'],
        })),
        jwks: { keys: [signingKey()] },
        cookies: { keys: [`cookie-key-${issuer}`] },
        claims: { openid: ['sub', 'hd'], profile: ['name', 'preferred_username'],
                  email: ['email', 'email_verified'] },
        conformIdTokenClaims: false, // the profile and e-mail claims in the ID token
        findAccount,
        ttl: { IdToken: (ctx, token, client) => ttls[client.clientId] },
        features: { devInteractions: { enabled: true } },
      });
      server.on('request', provider.callback());
      resolve(issuer);
    });
  });
}

const issuers = [];
for (const provider of config.providers) issuers.push(await start(provider));
process.stdout.write(`${JSON.stringify({ issuers })}\n`);
