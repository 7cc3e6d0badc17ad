// Which SunCo app `npm run test:live` runs against, and its one-line refusal without one.
import { describe, expect, it } from "vitest";
import { readLiveSettings } from "@/tests/support/sunco-live-settings";

const complete = {
  SUNCO_LIVE_APP_ID: "5e4af71a81966c000c3ec1f7",
  SUNCO_LIVE_KEY_ID: "app_5e4af71a81966c000c3ec1f8",
  SUNCO_LIVE_KEY_SECRET: "secret",
  SUNCO_LIVE_SUBDOMAIN: "acme",
};

describe("the live SunCo app's settings", () => {
  it("names the app, its app key and its subdomain; the API base URL is Zendesk's unless overridden", () => {
    expect(readLiveSettings(complete)).toEqual({
      appId: complete.SUNCO_LIVE_APP_ID,
      keyId: complete.SUNCO_LIVE_KEY_ID,
      keySecret: "secret",
      subdomain: "acme",
      apiBaseUrl: null,
    });
    expect(readLiveSettings({ ...complete, SUNCO_LIVE_API_BASE_URL: "http://127.0.0.1:4010" })).toMatchObject({
      apiBaseUrl: "http://127.0.0.1:4010",
    });
  });

  it("refuses in one line naming every setting and the missing ones, empty ones included", () => {
    const refused = readLiveSettings({ ...complete, SUNCO_LIVE_KEY_SECRET: "", SUNCO_LIVE_SUBDOMAIN: undefined });
    expect(refused).toEqual({ refusal: expect.stringContaining("Missing: SUNCO_LIVE_KEY_SECRET, SUNCO_LIVE_SUBDOMAIN.") });
    const { refusal } = refused as { refusal: string };
    expect(refusal).not.toContain("\n");
    for (const name of Object.keys(complete)) expect(refusal).toContain(name);
    expect(readLiveSettings({})).toEqual({ refusal: expect.stringContaining("npm run test:live needs a SunCo app to test against") });
  });

  it("refuses an override that is not a URL", () => {
    expect(readLiveSettings({ ...complete, SUNCO_LIVE_API_BASE_URL: "sandbox" })).toEqual({
      refusal: "SUNCO_LIVE_API_BASE_URL is not a URL: sandbox",
    });
  });
});
