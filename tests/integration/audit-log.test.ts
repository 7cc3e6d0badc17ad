import { describe, expect, it } from "vitest";
import { GET as exportCsv } from "@/app/api/audit/export/route";
import { recordAudit } from "@/lib/audit/record";
import { auditCsv, listAuditEvents, AUDIT_PAGE_SIZE } from "@/lib/audit/query";
import { db, sql } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { actAs, addMember, createOrganization, memberContext } from "../support/builders";
import { withTestDatabase } from "../support/database";

withTestDatabase();

async function collect(lines: AsyncGenerator<string>) {
  let text = "";
  for await (const chunk of lines) text += chunk;
  return text;
}

describe("audit log reading", () => {
  it("filters, pages newest first, and never shows another organization's events", async () => {
    const { organization, owner } = await createOrganization();
    const ctx = await memberContext(owner.id, organization.id);
    for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) {
      await recordAudit(ctx, { action: i % 2 ? "webhook.created" : "connection.connected", connectionId: "conn-1", target: `t${i}` });
    }
    await recordAudit(ctx, { action: "connection.disconnected", error: "SunCo said no" });
    const other = await createOrganization();
    await recordAudit(await memberContext(other.owner.id, other.organization.id), { action: "connection.connected" });

    const first = await listAuditEvents(ctx, {});
    expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.events[0]!.action).toBe("connection.disconnected");
    const second = await listAuditEvents(ctx, { before: first.nextCursor! });
    expect(second.events).toHaveLength(6);
    expect(second.nextCursor).toBeNull();

    expect((await listAuditEvents(ctx, { action: "webhook." })).events.every((e) => e.action === "webhook.created")).toBe(true);
    expect((await listAuditEvents(ctx, { result: "failure" })).events.map((e) => e.error)).toEqual(["SunCo said no"]);
    const all = [...first.events, ...second.events];
    expect(all.every((e) => e.organizationId === organization.id)).toBe(true);
    await expect(listAuditEvents(ctx, { from: "not a date" })).rejects.toThrow(/Some fields/);
  });

  it("exports CSV with escaping and without formula injection", async () => {
    const { organization, owner } = await createOrganization();
    const ctx = await memberContext(owner.id, organization.id);
    await recordAudit(ctx, { action: "member.role_changed", target: '=HYPERLINK("http://evil")', before: { role: "agent" }, after: { role: "admin" } });
    const csv = await collect(auditCsv(ctx, {}));
    const [header, row] = csv.trim().split("\r\n");
    expect(header).toBe("id,createdAt,actorLabel,action,connectionId,target,result,error,before,after");
    expect(row).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(row).toContain(`"{""role"":""agent""}"`);
  });

  it("is closed to agents, on the page's use-case and on the export route", async () => {
    const { organization } = await createOrganization();
    const agent = await addMember(organization.id, "agent");
    await expect(listAuditEvents(await memberContext(agent.id, organization.id), {})).rejects.toBeInstanceOf(ForbiddenError);
    await actAs(agent.id, organization.id);
    const response = await exportCsv(new Request("http://localhost/api/audit/export"), { params: Promise.resolve({}) });
    expect(response.status).toBe(403);
    await actAs(null);
    expect((await exportCsv(new Request("http://localhost/api/audit/export"), { params: Promise.resolve({}) })).status).toBe(401);
  });
});

describe("the audit log's integrity", () => {
  it("refuses TRUNCATE as it refuses UPDATE and DELETE, and keeps every row", async () => {
    const { organization, owner } = await createOrganization();
    await recordAudit(await memberContext(owner.id, organization.id), { action: "connection.connected" });
    const before = await db().auditEvent.count();

    await expect(sql().query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/AuditEvent is append-only: TRUNCATE is not allowed/);
    await expect(sql().query(`UPDATE "AuditEvent" SET "action" = 'tampered'`)).rejects.toThrow(/append-only: UPDATE/);
    await expect(sql().query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only: DELETE/);
    expect(await db().auditEvent.count()).toBe(before);
  });
});
