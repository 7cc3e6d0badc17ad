"use server";

import { formFields } from "@/lib/actions/action";
import {
  controlConversation,
  createSwitchboard,
  createSwitchboardIntegration,
  deleteSwitchboard,
  deleteSwitchboardIntegration,
  updateSwitchboard,
  updateSwitchboardIntegration,
} from "@/lib/switchboards";
import { changeSetup } from "../setup-action";

export async function createSwitchboardAction(_: unknown, form: FormData) {
  return changeSetup(async (member) => void (await createSwitchboard(member, formFields(form))), "Switchboard created, disabled until you enable it.");
}

export async function updateSwitchboardAction(_: unknown, form: FormData) {
  return changeSetup(async (member) => void (await updateSwitchboard(member, formFields(form))), "Switchboard updated.");
}

export async function deleteSwitchboardAction(_: unknown, form: FormData) {
  return changeSetup((member) => deleteSwitchboard(member, formFields(form)), "Switchboard deleted: every integration receives every event again.");
}

export async function createSwitchboardIntegrationAction(_: unknown, form: FormData) {
  return changeSetup(async (member) => void (await createSwitchboardIntegration(member, formFields(form))), "Switchboard integration added.");
}

export async function updateSwitchboardIntegrationAction(_: unknown, form: FormData) {
  return changeSetup(async (member) => void (await updateSwitchboardIntegration(member, formFields(form))), "Switchboard integration updated.");
}

export async function deleteSwitchboardIntegrationAction(_: unknown, form: FormData) {
  return changeSetup((member) => deleteSwitchboardIntegration(member, formFields(form)), "Switchboard integration removed.");
}

/** Here for owners and admins; the inbox will offer the same use-case to agents in a conversation. */
export async function controlConversationAction(_: unknown, form: FormData) {
  return changeSetup((member) => controlConversation(member, formFields(form)), "Done: SunCo changed who controls the conversation.");
}
