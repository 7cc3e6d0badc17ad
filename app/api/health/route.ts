import { route } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/** Liveness: the process answers. Dependencies are /api/ready's business. */
export const GET = route("health", async () => Response.json({ status: "ok" }));
