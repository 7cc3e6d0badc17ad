"use server";

import { formInput } from "@/lib/actions/action";
import { memberAction } from "@/lib/actions/member-action";
import { conversationIdSchema } from "@/lib/inbox/schemas";
import { markNotificationsRead } from "@/lib/notifications";
import { switchOrganization, switchOrganizationSchema } from "@/lib/organizations/members";

export const switchOrganizationAction = memberAction(switchOrganizationSchema, "signed-in", switchOrganization, { input: formInput(), revalidate: ["/", "layout"] });

/** The member opened the conversation: its notifications are read; answers their unread count. */
export const markNotificationsReadAction = memberAction(conversationIdSchema, "agent", markNotificationsRead, { field: "conversationId" });
