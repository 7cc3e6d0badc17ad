import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { memberForPage, roleAtLeast, type MemberContext } from "@/lib/auth/require-member";
import { listConnections } from "@/lib/connections";
import { NotFoundError } from "@/lib/errors";
import {
  getConversationDetails,
  getTimeline,
  inboxFilterSchema,
  listAssignableMembers,
  listConversations,
  listLabels,
  listMessageTemplates,
  listSavedReplies,
  type ConversationDetails,
  type SavedReplyValues,
} from "@/lib/inbox";
import { env } from "@/lib/env";
import { latestLiveEventId } from "@/lib/live";
import { availabilityOf, onlyVisible } from "@/lib/teams";
import { AvailabilityControl } from "../_components/AvailabilityControl";
import { ConversationList } from "../_components/ConversationList";
import { queryOf } from "../_components/filter-query";
import styles from "../_components/inbox.module.css";
import { InboxFilters } from "../_components/InboxFilters";
import { KeyboardInset } from "../_components/KeyboardInset";
import { LiveProvider } from "../_components/LiveProvider";
import { NewConversation } from "../_components/NewConversation";
import { Shortcuts } from "../_components/Shortcuts";
import { SidePanel } from "../_components/SidePanel";
import { Thread } from "../_components/Thread";

export const metadata: Metadata = { title: "Inbox" };

type SearchParams = Record<string, string | string[] | undefined>;

const DETAILS = "details";

/** Which pane is in front when only one or two fit (see inbox.module.css): the URL says, so the browser's back works. */
type InboxView = "list" | "thread" | "details";

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

async function conversationData(member: MemberContext, conversationId: string) {
  try {
    const [details, timeline, savedReplies] = await Promise.all([
      getConversationDetails(member, conversationId),
      getTimeline(member, conversationId),
      listSavedReplies(member),
    ]);
    const assignable = await listAssignableMembers(member, details.connection.id);
    return { details, timeline, savedReplies, assignable };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

function savedReplyValues(member: MemberContext, details: ConversationDetails): SavedReplyValues {
  const user = details.endUser;
  return {
    "user.givenName": user?.givenName,
    "user.surname": user?.surname,
    "user.name": user?.name,
    "user.email": user?.email,
    "agent.name": member.actor.name,
    "agent.givenName": member.actor.name.split(/\s+/)[0],
    "organization.name": member.organization.name,
    "connection.name": details.connection.appName,
  };
}

/** What leads a newcomer on from an empty list: a connection first, then (with the sandbox) an end user to write. */
function EmptyInboxHint({ hasConnections, isAdmin }: { hasConnections: boolean; isAdmin: boolean }) {
  if (!hasConnections) {
    return isAdmin ? (
      <p>
        <Link href="/connections">Connect a Zendesk app</Link> to answer its conversations here.
      </p>
    ) : (
      <p>No Zendesk app is connected yet: an admin of your organization connects one.</p>
    );
  }
  if (!env().sunco.sandbox) return null;
  return (
    <p>
      SunCo is the built-in sandbox: write as an end user in the <a href="/sandbox/simulator">simulator</a> and the
      conversation appears here.
    </p>
  );
}

/** /inbox and /inbox/:conversationId: one page, so that the list and the live stream stay as the agent moves on. */
export default async function InboxPage({
  params,
  searchParams,
}: {
  params: Promise<{ conversationId?: string[] }>;
  searchParams: Promise<SearchParams>;
}) {
  const segments = (await params).conversationId ?? [];
  // /inbox/:id/details: the same page with the side panel as the view in front, where the panes do not fit side by side.
  if (segments.length > 2 || (segments.length === 2 && segments[1] !== DETAILS)) notFound();
  const conversationId = segments[0] ?? null;
  const view: InboxView = !conversationId ? "list" : segments[1] === DETAILS ? "details" : "thread";
  const member = await memberForPage("agent", conversationId ? `/inbox/${conversationId}` : "/inbox");
  const query = Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, first(value)]));
  const parsed = inboxFilterSchema.safeParse(query);
  const filter = parsed.success ? parsed.data : inboxFilterSchema.parse({});
  const invalid = parsed.success ? null : "That search needs at least 2 characters.";
  // Read before the data: events after it are replayed to the page, so nothing falls between.
  const liveSince = await latestLiveEventId();
  // Everything the page shows at once: the list and the open conversation do not wait on each other.
  const [page, connections, members, labels, open, availability, templates] = await Promise.all([
    listConversations(member, filter),
    listConnections(member, "names").then((all) => onlyVisible(member, all)),
    listAssignableMembers(member),
    listLabels(member),
    conversationId ? conversationData(member, conversationId) : null,
    availabilityOf(member),
    listMessageTemplates(member),
  ]);
  const startable = connections.filter((connection) => connection.state === "active").map((connection) => ({ id: connection.id, name: connection.appName }));
  const me = { id: member.actor.id, name: member.actor.name };
  const listQuery = queryOf(filter);

  return (
    <LiveProvider lastEventId={liveSince}>
      <KeyboardInset />
      <div className={`${styles.inbox} ${open ? "" : styles.noThread} fill-viewport`} data-view={view}>
        <section className={`${styles.pane} ${styles.listPane}`} aria-label="Conversation list">
          <div className={styles.listHeader}>
            <InboxFilters filter={filter} connections={connections} labels={labels} invalid={invalid}>
              <NewConversation connections={startable} templates={templates} />
              <AvailabilityControl initial={availability.status} />
              <Shortcuts openId={conversationId} />
            </InboxFilters>
          </div>
          <ConversationList
            key={listQuery}
            initial={page}
            filter={filter}
            query={listQuery}
            openId={conversationId}
            currentUserId={member.actor.id}
            members={members}
            labels={labels}
            liveSince={liveSince}
            emptyHint={<EmptyInboxHint hasConnections={connections.length > 0} isAdmin={roleAtLeast(member.role, "admin")} />}
          />
        </section>
        {open ? (
          <>
            <Thread
              key={open.details.id}
              details={open.details}
              initial={open.timeline}
              me={me}
              members={open.assignable}
              labels={labels}
              savedReplies={open.savedReplies}
              savedReplyValues={savedReplyValues(member, open.details)}
              templates={templates}
              liveSince={liveSince}
              listHref={`/inbox${listQuery}`}
              detailsHref={`/inbox/${open.details.id}/${DETAILS}${listQuery}`}
            />
            <SidePanel details={open.details} liveSince={liveSince} threadHref={`/inbox/${open.details.id}${listQuery}`} />
          </>
        ) : (
          <section className={`${styles.pane} ${styles.empty}`} aria-label="No conversation open">
            <h2>Pick a conversation</h2>
            <p>
              Choose one from the list, or press <kbd>j</kbd> and <kbd>Enter</kbd>. Press <kbd>?</kbd> for all shortcuts.
            </p>
          </section>
        )}
      </div>
    </LiveProvider>
  );
}
