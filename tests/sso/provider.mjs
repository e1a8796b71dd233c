// A real OpenID Connect provider for the single sign-on tests, on the loopback interface only.
//
// Usage: node tests/sso/provider.mjs <port> <redirect_uri> [<redirect_uri> ...]
// Prints "ready <issuer>" once it listens. It needs no network: oidc-provider's own development
// login form stands in for Microsoft's sign-in page (any password is accepted) and a development
// signing key signs the ID tokens.
//
// The login name is the email address; one starting "unverified." is reported with
// email_verified false, any other with email_verified true.
import Provider from "oidc-provider";

const [port, ...redirectUris] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

function claimsFor(login) {
  const [local] = login.split("@");
  return {
    sub: login,
    email: login,
    email_verified: !local.startsWith("unverified."),
    name: local,
  };
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "vawdasv-tests",
      client_secret: "not-a-secret-only-for-tests",
      redirect_uris: redirectUris,
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  cookies: { keys: ["tests-only-cookie-key"] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    return { accountId: id, claims: async () => claimsFor(id) };
  },
  // First-party client: the consent screen is skipped by granting the requested scopes.
  async loadExistingGrant(ctx) {
    const grantId =
      ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid email profile");
    grant.addOIDCClaims(["email", "email_verified", "name"]);
    await grant.save();
    return grant;
  },
});

const server = provider.listen(Number(port), "127.0.0.1", () => {
  process.stdout.write(`ready ${issuer}\n`);
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
