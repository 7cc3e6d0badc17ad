"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { formInput } from "@/lib/actions/action";
import { memberAction } from "@/lib/actions/member-action";
import { membershipOf } from "@/lib/auth/require-member";
import { setActiveOrganization } from "@/lib/auth/sessions";
import { claimInstallation, INSTALL_COOKIE } from "@/lib/connections";

/** Attaches the install waiting in this browser to the chosen organization, where the person is an owner or admin. */
export const claimInstallationAction = memberAction(
  z.object({ organizationId: z.string({ error: "Choose an organization." }).trim().min(1, "Choose an organization.").max(64) }),
  "signed-in",
  async (session, { organizationId }) => {
    const ctx = membershipOf(session, organizationId, "admin");
    const jar = await cookies();
    const { connection } = await claimInstallation(ctx, jar.get(INSTALL_COOKIE)?.value);
    jar.delete(INSTALL_COOKIE);
    await setActiveOrganization(session.id, organizationId);
    return connection.id;
  },
  { input: formInput(), redirect: (connectionId) => `/connections?connected=${connectionId}` },
);
