"use server";

import { z } from "zod";
import { formInput } from "@/lib/actions/action";
import { memberAction, nothing } from "@/lib/actions/member-action";
import {
  createEndpoint, createEndpointSchema, deleteEndpoint, endpointIdSchema, resendDelivery, resendFailedDeliveries, resendFailedSchema,
  resendOneSchema, rotateEndpointSecret, rotateSecretSchema, sendTestEvent, updateEndpoint, updateEndpointSchema,
} from "@/lib/partner-events";

const PAGE = "/settings/event-endpoints";
const LISTS = { lists: ["eventTypes"] } as const;
const logOf = (input: { endpointId: string }) => `${PAGE}/${input.endpointId}`;

/** Answers the new secret, which the form shows once. */
export const createEndpointAction = memberAction(createEndpointSchema, "admin", createEndpoint, {
  input: formInput(LISTS),
  revalidate: PAGE,
  returns: ({ secret }) => ({ secret }),
  message: "Endpoint added. Copy its signing secret now: it is not shown again.",
});

/** The page binds the endpoint's id. */
export const updateEndpointAction = memberAction(updateEndpointSchema, "admin", updateEndpoint, {
  input: formInput({ ...LISTS, bound: "endpointId" }),
  revalidate: PAGE,
  returns: nothing,
  message: "Endpoint saved.",
});

export const setEndpointEnabledAction = memberAction(z.object({ endpointId: endpointIdSchema, enabled: z.boolean() }), "admin", updateEndpoint, {
  revalidate: PAGE,
  returns: nothing,
});

export const rotateSecretAction = memberAction(rotateSecretSchema, "admin", rotateEndpointSecret, {
  revalidate: PAGE,
  returns: ({ secret }) => ({ secret }),
  message: "New signing secret made; the old one keeps signing too for the overlap.",
});

export const sendTestEventAction = memberAction(endpointIdSchema, "admin", sendTestEvent, {
  field: "endpointId",
  revalidate: PAGE,
  returns: nothing,
  message: "Test event sent: see the delivery log.",
});

export const deleteEndpointAction = memberAction(endpointIdSchema, "admin", deleteEndpoint, { field: "endpointId", revalidate: PAGE, message: "Endpoint deleted." });

export const resendDeliveryAction = memberAction(resendOneSchema, "admin", resendDelivery, { revalidate: logOf, message: "Sent again." });

/** The log page binds the endpoint's id; the form gives the range. */
export const resendFailedAction = memberAction(resendFailedSchema, "admin", resendFailedDeliveries, {
  input: formInput({ bound: "endpointId" }),
  revalidate: logOf,
  returns: ({ resent }) => ({ resent }),
  message: "Failed deliveries in that range sent again.",
});
