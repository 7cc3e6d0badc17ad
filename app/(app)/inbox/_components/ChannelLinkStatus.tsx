"use client";
// The state of the channel link a conversation was started with (a phone number or email address linked through SunCo's
// Create Client): pending until the channel answers, then linked (the first message goes out) or failed (nothing was
// sent, and why). Asked again every 2 s while pending; when it settles, the page is refreshed so that the side panel
// (rendered on the server) lists the channel as SunCo now has it.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { ChannelLinkView } from "@/lib/outreach";
import { channelLinkAction } from "../actions";
import { channelName } from "./format";

const POLL_MS = 2000;

function describe(link: ChannelLinkView) {
  const where = `${channelName(link.channelType) ?? link.channelType} ${link.target}`;
  if (link.state === "pending") return `Linking ${where}: the first message is sent once the channel confirms.`;
  if (link.state === "linked") return `${where} is linked; the first message was sent there.`;
  return `${where} could not be linked, so nothing was sent. ${link.failureReason ?? ""}`;
}

export function ChannelLinkStatus({ conversationId }: { conversationId: string }) {
  const [link, setLink] = useState<ChannelLinkView | null>(null);
  const pending = link?.state === "pending";
  const router = useRouter();
  const wasPending = useRef(false);

  // Another conversation: what the last one's link was says nothing of this one's.
  useEffect(() => {
    wasPending.current = false;
  }, [conversationId]);

  useEffect(() => {
    if (pending) wasPending.current = true;
    else if (link && wasPending.current) {
      wasPending.current = false;
      router.refresh();
    }
  }, [link, pending, router]);

  useEffect(() => {
    let current = true;
    const read = () => void channelLinkAction(conversationId).then((result) => current && result.ok && setLink(result.data));
    read();
    const timer = pending ? setInterval(read, POLL_MS) : undefined;
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [conversationId, pending]);

  if (!link) return null;
  const tone = link.state === "failed" ? "error" : link.state === "pending" ? "info" : "success";
  return (
    <p className={`alert ${tone}`} role="status" data-testid="channel-link" data-state={link.state} style={{ margin: "0.5rem 1rem" }}>
      {describe(link)}
    </p>
  );
}
