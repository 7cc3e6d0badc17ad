// Every /api/v1 operation, in the order the OpenAPI document lists them. A route file under app/api/v1 exports one
// of these through apiHandler; tests/integration/api-openapi.test.ts fails when a route's operation is missing here.
import type { Operation } from "../operation";
import { EVENT_ENDPOINT_OPERATIONS } from "./event-endpoints";
import { CONNECT_SESSION_OPERATIONS } from "./connect-sessions";
import { listMembersOperation } from "./members";
import { getConnectionOperation, listConnectionsOperation, updateConnectionOperation } from "./connections";
import {
  addNoteOperation,
  assignConversationOperation,
  getConversationOperation,
  getTimelineOperation,
  listConversationsOperation,
  markReadOperation,
  reopenOperation,
  resolveOperation,
  sendMessageOperation,
  setPendingOperation,
  setStatusOperation,
  startConversationOperation,
  typingOperation,
  uploadAttachmentOperation,
} from "./conversations";

export const OPERATIONS = [
  listConnectionsOperation,
  getConnectionOperation,
  updateConnectionOperation,
  ...CONNECT_SESSION_OPERATIONS,
  listConversationsOperation,
  startConversationOperation,
  getConversationOperation,
  getTimelineOperation,
  sendMessageOperation,
  uploadAttachmentOperation,
  assignConversationOperation,
  setStatusOperation,
  resolveOperation,
  reopenOperation,
  setPendingOperation,
  addNoteOperation,
  typingOperation,
  markReadOperation,
  listMembersOperation,
  ...EVENT_ENDPOINT_OPERATIONS,
] as unknown as readonly Operation[];
