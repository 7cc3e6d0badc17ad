// Plays the Zendesk admin on the sandbox's consent page, as a browser without JavaScript would: read the form,
// post it with Allow or Deny, and return where SunCo redirects.
export async function answerConsent(authorizeUrl: string, decision: "allow" | "deny", appId?: string) {
  const page = await fetch(authorizeUrl);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${await page.text()}`);
  const html = await page.text();
  const action = html.match(/<form method="post" action="([^"]+)"/)?.[1];
  if (!action) throw new Error("no consent form on the page");
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(name!, decodeEntities(value!));
  }
  form.set("app_id", appId ?? html.match(/name="app_id" value="([^"]+)"/)![1]!);
  form.set("decision", decision);
  const answer = await fetch(decodeEntities(action), { method: "POST", body: form, redirect: "manual" });
  const location = answer.headers.get("location");
  if (answer.status !== 302 || !location) throw new Error(`consent answered ${answer.status}: ${await answer.text()}`);
  const url = new URL(location);
  return { url, code: url.searchParams.get("code"), state: url.searchParams.get("state"), error: url.searchParams.get("error") };
}

function decodeEntities(text: string) {
  return text.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">");
}
