// Business-initiated conversations: finding or creating the end user at SunCo, their conversation, the first message,
// and channel links by phone number or email (Create Client) with the first message held until the channel links.
export { startConversation, type StartedConversation } from "./start-conversation";
export { chooseIntegration, listChannelIntegrations, type ChannelIntegration } from "./channels";
export { expireUnansweredChannelLinks, latestChannelLink, settleChannelLinks, type ChannelLinkState, type ChannelLinkView } from "./channel-links";
export {
  channelSchema,
  endUserSchema,
  LINK_CHANNEL_TYPES,
  startConversationFormSchema,
  startConversationSchema,
  type ChannelInput,
  type EndUserInput,
  type LinkChannelType,
  type StartConversationInput,
} from "./schemas";
