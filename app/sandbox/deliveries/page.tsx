import type { Metadata } from "next";
import Link from "next/link";
import { deliveryLog, mountedSandbox, simulatorApps, type DeliveryRecord } from "@/lib/sandbox";
import styles from "../_components/sandbox.module.css";
import { AutoRefresh } from "../_components/AutoRefresh";
import { requireSandboxAccess } from "../_components/require-sandbox-access";
import { TableHead } from "@/app/_components/TableHead";

export const metadata: Metadata = { title: "Webhook deliveries" };
export const dynamic = "force-dynamic";

const STATE_BADGES: Record<DeliveryRecord["state"], string> = {
  delivered: "badge success",
  failed: "badge danger",
  retrying: "badge warning",
  pending: "badge",
};

export default async function DeliveriesPage({ searchParams }: { searchParams: Promise<{ appId?: string }> }) {
  await requireSandboxAccess();
  const { appId } = await searchParams;
  const sandbox = mountedSandbox();
  const apps = simulatorApps(sandbox);
  const deliveries = deliveryLog(sandbox, { appId });
  return (
    <>
      <h1>Webhook deliveries</h1>
      <p className="muted">
        Every webhook call and removeUrl notice the sandbox made, newest first, with each attempt and the answer it got. Also at{" "}
        <code>/sandbox/sc/_control/deliveries</code>.
      </p>
      <nav aria-label="Filter by app" className={styles.actions}>
        <Link href="/sandbox/deliveries" aria-current={appId ? undefined : "page"}>
          All apps
        </Link>
        {apps.map((app) => (
          <Link key={app.id} href={`/sandbox/deliveries?appId=${app.id}`} aria-current={appId === app.id ? "page" : undefined}>
            {app.displayName}
          </Link>
        ))}
      </nav>
      <AutoRefresh seconds={2} />
      <div className="card">
        {deliveries.length === 0 ? (
          <p className="muted">No deliveries yet. Create a webhook and make something happen in a conversation.</p>
        ) : (
          <table className="table">
            <TableHead columns={["When", "Events", "Target", "State", "Attempts"]} actions={false} />
            <tbody>
              {deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <td className={styles.mono}>{delivery.createdAt.replace("T", " ").slice(0, 19)}</td>
                  <td>
                    {delivery.kind === "removeUrl" ? "removeUrl notice" : delivery.eventTypes.join(", ")}
                    {delivery.fault && <span className="badge warning"> {delivery.fault}</span>}
                  </td>
                  <td className={styles.mono}>{delivery.target}</td>
                  <td>
                    <span className={STATE_BADGES[delivery.state]}>{delivery.state}</span>
                  </td>
                  <td>
                    <ol className={styles.attempts}>
                      {delivery.attempts.map((attempt) => (
                        <li key={attempt.number}>
                          {attempt.status ?? attempt.error} <span className={styles.muted}>in {attempt.durationMs} ms</span>
                        </li>
                      ))}
                    </ol>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
