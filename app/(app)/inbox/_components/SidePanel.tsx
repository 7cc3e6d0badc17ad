// The side panel: the SunCo user behind the conversation (profile, identities, channels, devices, metadata) and the
// conversation's own metadata and switchboard state.
import Link from "next/link";
import { Time } from "@/app/_components/Time";
import type { ConversationDetails } from "@/lib/inbox";
import { channelName, initials } from "./format";
import { HandoffControl } from "./HandoffControl";
import styles from "./inbox.module.css";

function Metadata({ values }: { values: Record<string, unknown> | null }) {
  const entries = Object.entries(values ?? {});
  if (entries.length === 0) return <p className={styles.hint}>None</p>;
  return (
    <dl>
      {entries.map(([key, value]) => (
        <div key={key} style={{ display: "contents" }}>
          <dt>{key}</dt>
          <dd>{typeof value === "string" ? value : JSON.stringify(value)}</dd>
        </div>
      ))}
    </dl>
  );
}


/** `threadHref`: back to the thread, where the panel is a view of its own (narrow screens). */
export function SidePanel({ details, liveSince, threadHref }: { details: ConversationDetails; liveSince: string; threadHref: string }) {
  const user = details.endUser;
  return (
    <aside className={`${styles.pane} ${styles.panel}`} aria-label="Conversation details">
      <Link href={threadHref} className={`${styles.viewLink} ${styles.threadLink} button secondary small`}>
        ← Back to the conversation
      </Link>
      <section aria-labelledby="person-heading">
        <h3 id="person-heading">Person</h3>
        {!user ? (
          <p className={styles.hint}>SunCo has not said who this is yet.</p>
        ) : (
          <>
            <div className={styles.profile}>
              <span className={styles.avatar} aria-hidden="true">
                {/* eslint-disable-next-line @next/next/no-img-element -- avatars live on the channel's host */}
                {user.avatarUrl && /^https?:\/\//.test(user.avatarUrl) ? <img src={user.avatarUrl} alt="" referrerPolicy="no-referrer" /> : initials(user.name)}
              </span>
              <div>
                <strong>{user.name}</strong>
                {user.removed && <div className={styles.hint}>Deleted in SunCo</div>}
                {user.email && <div className={styles.hint}>{user.email}</div>}
              </div>
            </div>
            <dl>
              {user.externalId && (
                <>
                  <dt>External id</dt>
                  <dd>{user.externalId}</dd>
                </>
              )}
              <dt>Signed in</dt>
              <dd>{user.authenticated ? "Yes" : "No"}</dd>
              {user.locale && (
                <>
                  <dt>Locale</dt>
                  <dd>{user.locale}</dd>
                </>
              )}
              {user.signedUpAt && (
                <>
                  <dt>Signed up</dt>
                  <dd>
                    <Time value={user.signedUpAt} format="day" />
                  </dd>
                </>
              )}
            </dl>
          </>
        )}
      </section>
      {user && (
        <section aria-labelledby="identities-heading">
          <h3 id="identities-heading">Identities</h3>
          {user.identities.length === 0 ? (
            <p className={styles.hint}>None</p>
          ) : (
            <ul>
              {user.identities.map((identity, i) => (
                <li key={i}>
                  {identity.type}: {identity.value}
                  {identity.verification && <span className={styles.hint}> ({identity.verification})</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {user && (
        <section aria-labelledby="channels-heading">
          <h3 id="channels-heading">Channels</h3>
          {user.channels.length === 0 ? (
            <p className={styles.hint}>None known yet</p>
          ) : (
            <ul>
              {user.channels.map((channel) => (
                <li key={channel.id}>
                  {channelName(channel.type)}
                  {channel.displayName && ` · ${channel.displayName}`}
                  <span className={styles.hint}>
                    {channel.removed ? " · removed" : channel.status ? ` · ${channel.status}` : ""}
                    {channel.lastSeenAt && (
                      <>
                        {" "}
                        · seen <Time value={channel.lastSeenAt} format="day" />
                      </>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {user.devices.length > 0 && (
            <>
              <h3 style={{ marginTop: "0.6rem" }}>Devices</h3>
              <ul>
                {user.devices.map((device) => (
                  <li key={device.id}>
                    {device.type ?? "device"}
                    {device.appVersion && ` · app ${device.appVersion}`}
                    <span className={styles.hint}>{device.lastSeenAt && (
                      <>
                        {" "}
                        · seen <Time value={device.lastSeenAt} format="day" />
                      </>
                    )}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {user && (
        <section aria-labelledby="user-metadata-heading">
          <h3 id="user-metadata-heading">Person metadata</h3>
          <Metadata values={user.metadata} />
        </section>
      )}
      <section aria-labelledby="conversation-metadata-heading">
        <h3 id="conversation-metadata-heading">Conversation</h3>
        <dl>
          <dt>Kind</dt>
          <dd>{details.type === "personal" ? "With one end user" : "Group conversation"}</dd>
        </dl>
        {/* SunCo's ids mean nothing to an agent, until Zendesk's support asks for them. */}
        <details className={styles.ids}>
          <summary>Ids for Zendesk support</summary>
          <dl>
            {user && (
              <>
                <dt>User</dt>
                <dd>
                  <code>{user.suncoUserId}</code>
                </dd>
              </>
            )}
            <dt>Conversation</dt>
            <dd>
              <code>{details.suncoConversationId}</code>
            </dd>
          </dl>
        </details>
        <h3 style={{ marginTop: "0.6rem" }}>Metadata</h3>
        <Metadata values={details.metadata} />
      </section>
      <HandoffControl conversationId={details.id} handoff={details.handoff} liveSince={liveSince} />
    </aside>
  );
}
