// /api/v1/members: who belongs to the organization, so that the partner's backend knows the ids conversations are
// assigned to (`assigneeId`) and can assign them.
import { z } from "zod";
import { listMembers, roleSchema } from "@/lib/organizations/members";
import { defineOperation } from "../operation";
import { iso } from "./views";

const memberView = z
  .object({
    id: z.string().meta({ description: "The member's user id: a conversation's `assigneeId`, and what the assign operation takes." }),
    name: z.string(),
    email: z.string(),
    role: roleSchema,
    memberSince: z.string().meta({ description: "When they joined the organization (ISO 8601)." }),
  })
  .meta({ id: "Member" });

export const listMembersOperation = defineOperation({
  id: "listMembers",
  method: "get",
  path: "/members",
  tag: "Members",
  summary: "List the organization's members",
  description: "Every member, oldest membership first (an organization has few: no paging). Teams decide which connections an agent sees; a key sees them all.",
  scope: "read",
  query: z.object({ role: z.enum(["owner", "admin", "agent"], { error: "must be owner, admin or agent" }).optional() }),
  response: z.object({ items: z.array(memberView) }),
  run: async (ctx, { query }) => ({
    items: (await listMembers(ctx, { role: query.role })).map((membership) => ({
      id: membership.user.id,
      name: membership.user.name,
      email: membership.user.email,
      role: membership.role,
      memberSince: iso(membership.createdAt)!,
    })),
  }),
});
