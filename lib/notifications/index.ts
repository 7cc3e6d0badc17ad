// Notifications for agents: a conversation assigned to them, an end user writing in one of theirs, a mention in a
// note — recorded with the change, sent live to their open tabs and by Web Push to their devices.
export { markNotificationsRead, pruneNotifications, unreadNotifications, type NotificationsReadData, type UnreadNotifications } from "./inbox-notifications";
export { notificationPreferences, saveNotificationPreferences } from "./preferences";
export { assignmentNotifications, mentionNotifications, messageNotifications } from "./produce";
export { removePushSubscription, savePushSubscription } from "./push-subscriptions";
export { NOTIFICATION_PUSH_QUEUE } from "./push-queue";
export { recordNotifications, type NotificationInput, type NotificationLiveData, type NotificationRow } from "./record";
export * from "./schemas";
