// Every job queue of the deployment, in one place. Each process registers them when it starts (startJobs, from
// ./background.ts), which creates them before it serves; the test suite's template database has them too.
import { READ_MODEL_QUEUES } from "@/lib/conversations";
import { READ_RECEIPT_QUEUE } from "@/lib/inbox";
import type { QueueDefinition } from "@/lib/jobs";
import { NOTIFICATION_PUSH_QUEUE } from "@/lib/notifications";
import { OUTBOX_QUEUE } from "@/lib/outbox";
import { EVENT_DELIVERY_QUEUE } from "@/lib/partner-events";
import { SURVEY_QUEUE } from "@/lib/satisfaction";
import { AUTO_ASSIGN_QUEUE } from "@/lib/teams";

export const QUEUES = [
  ...READ_MODEL_QUEUES,
  OUTBOX_QUEUE,
  READ_RECEIPT_QUEUE,
  AUTO_ASSIGN_QUEUE,
  SURVEY_QUEUE,
  EVENT_DELIVERY_QUEUE,
  NOTIFICATION_PUSH_QUEUE,
] as QueueDefinition<object>[];
