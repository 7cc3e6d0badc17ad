// The OAuth bridge's pages: the consent form (plain HTML, works without JavaScript) and the error page shown when
// a request cannot safely be sent back to its redirect URI.
import type { AuthorizationRequest } from "./oauth";
import type { AccountRecord, AppRecord } from "./state";

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * Their style, served beside them (relative to /oauth/authorize) rather than inline, so they need no exception in
 * the Content-Security-Policy the app puts on the mounted sandbox.
 */
export const PAGES_STYLESHEET = "pages.css";

export const PAGES_CSS = `body { font: 16px/1.5 system-ui, sans-serif; color: #1f2933; background: #f5f7fa; margin: 0; }
main { max-width: 30rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px;
       box-shadow: 0 1px 3px rgba(0,0,0,.12); }
h1 { font-size: 1.35rem; margin-top: 0; }
fieldset { border: 1px solid #cbd2d9; border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
label { display: block; padding: .25rem 0; }
.actions { display: flex; gap: .75rem; margin-top: 1.5rem; }
button { font: inherit; padding: .5rem 1.25rem; border-radius: 6px; border: 1px solid #3e4c59; cursor: pointer; }
button[value=allow] { background: #03363d; color: #fff; border-color: #03363d; }
button[value=deny] { background: #fff; color: #1f2933; }
.note { color: #52606d; font-size: .875rem; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · SunCo sandbox</title>
<link rel="stylesheet" href="${PAGES_STYLESHEET}">
</head>
<body><main>${body}</main></body>
</html>`;
}

type Tenant = { app: AppRecord; account: AccountRecord | undefined };

function appChoices(tenants: Tenant[]) {
  return tenants
    .map(
      ({ app, account }, index) =>
        `<label><input type="radio" name="app_id" value="${escape(app.id)}"${index === 0 ? " checked" : ""}> ` +
        `${escape(app.displayName)} <span class="note">(${escape(account?.displayName ?? "")}, ${escape(app.subdomain)}.zendesk.com)</span></label>`,
    )
    .join("\n");
}

export function consentPage(request: AuthorizationRequest, action: string, tenants: Tenant[], installAction: string): string {
  const hidden = [
    ["client_id", request.client.clientId],
    ["redirect_uri", request.redirectUri],
    ["response_type", request.responseType ?? ""],
    ...(request.state !== null ? [["state", request.state]] : []),
  ]
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escape(value!)}">`)
    .join("\n");
  const choices = appChoices(tenants);
  return page(
    `Allow ${request.client.displayName}`,
    `<h1>Allow ${escape(request.client.displayName)} to access your Zendesk messaging?</h1>
<p>${escape(request.client.displayName)} will be able to read and write users and conversations of the app you
pick, and to receive its conversation events.</p>
<form method="post" action="${escape(action)}">
${hidden}
<fieldset><legend>App</legend>
${choices}
</fieldset>
<div class="actions">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</div>
</form>
<p class="note"><a href="${escape(`${installAction}?client_id=${encodeURIComponent(request.client.clientId)}`)}">Install from Zendesk</a>
instead: start from Zendesk's side, as an admin installing ${escape(request.client.displayName)} from the Marketplace does.</p>
<p class="note">SunCo sandbox: no Zendesk account is involved.</p>`,
  );
}

/** The Marketplace's install, as Zendesk runs it: no partner started it, so the redirect carries a code and no state. */
export function installPage(request: AuthorizationRequest, action: string, tenants: Tenant[]): string {
  return page(
    `Install ${request.client.displayName}`,
    `<h1>Install ${escape(request.client.displayName)} from the Zendesk Marketplace</h1>
<p>${escape(request.client.displayName)} will be able to read and write users and conversations of the app you pick, and to
receive its conversation events. Zendesk then sends you to ${escape(request.client.displayName)} to finish.</p>
<form method="post" action="${escape(action)}">
<input type="hidden" name="client_id" value="${escape(request.client.clientId)}">
<fieldset><legend>App</legend>
${appChoices(tenants)}
</fieldset>
<div class="actions">
<button type="submit" name="decision" value="allow">Install</button>
</div>
</form>
<p class="note">SunCo sandbox: no Zendesk account is involved.</p>`,
  );
}

export function authorizationErrorPage(message: string): string {
  return page(
    "Authorization failed",
    `<h1>This authorization request is invalid</h1>
<p role="alert">${escape(message)}</p>
<p class="note">Check the client_id and redirect_uri the integration sent you here with.</p>`,
  );
}
