// Shared steps for end-to-end tests.
import { expect, type Page } from "@playwright/test";

export const DEMO_OWNER = { email: "owner@demo.sunbridge.test", password: "sunbridge-owner" };
export const DEMO_AGENT = { email: "agent@demo.sunbridge.test", password: "sunbridge-agent" };

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
}

export async function signIn(page: Page, login: { email: string; password: string }, path = "/sign-in") {
  await page.goto(path);
  await page.getByLabel("Email").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}
