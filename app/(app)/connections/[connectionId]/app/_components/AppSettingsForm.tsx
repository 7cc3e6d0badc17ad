"use client";

import type { AppDetails } from "@/lib/integrations";
import { Field } from "@/app/_components/Field";
import { ActionForm } from "../../_components/ActionForm";
import { updateAppSettingsAction } from "../actions";

const TOGGLES: { name: string; label: string; hint?: string }[] = [
  { name: "maskCreditCardNumbers", label: "Mask credit card numbers in messages" },
  { name: "useAnimalNames", label: "Give anonymous users animal names" },
  { name: "echoPostback", label: "Echo postback button taps as user messages" },
  { name: "ignoreAutoConversationStart", label: "Ignore conversation starts the SDKs send automatically" },
  { name: "appLocalizationEnabled", label: "Localize the app's texts" },
  { name: "multiConvoEnabled", label: "Several conversations per user", hint: "Cannot be turned off again once on." },
  { name: "endSessionEnabled", label: "Let users end their session", hint: "Needs several conversations per user." },
  { name: "disableConversationReopen", label: "Don't reopen ended conversations", hint: "Needs several conversations per user." },
];

export function AppSettingsForm({ connectionId, app, disabledReason }: { connectionId: string; app: AppDetails; disabledReason: string | null }) {
  const settings = app.settings as Record<string, unknown>;
  const multiConvoLocked = settings.multiConvoEnabled === true;
  const readOnly = Boolean(disabledReason);
  return (
    <ActionForm
      action={updateAppSettingsAction}
      hidden={{ connectionId, ...(multiConvoLocked ? { multiConvoEnabled: "on" } : {}) }}
      label="App settings"
      submitLabel="Save settings"
      disabledReason={disabledReason}
      success={(data) => (
        <div className="alert success" role="status">
          {data.changed ? "Settings saved at SunCo." : "Nothing had changed."}
        </div>
      )}
    >
      {(errors) => (
        <fieldset disabled={readOnly} className="plain-fieldset">
          <Field id="app-name" label="App name" name="displayName" defaultValue={app.displayName ?? ""} required maxLength={100} errors={errors.displayName} />
          <Field
            id="app-retention"
            label="Conversation retention (seconds, 0 keeps them forever)"
            name="conversationRetentionSeconds"
            inputMode="numeric"
            defaultValue={typeof settings.conversationRetentionSeconds === "number" ? String(settings.conversationRetentionSeconds) : ""}
            errors={errors.conversationRetentionSeconds}
          />
          {TOGGLES.map((toggle) => {
            const locked = toggle.name === "multiConvoEnabled" && multiConvoLocked;
            return (
              <div className="field" key={toggle.name}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    name={locked ? undefined : toggle.name}
                    defaultChecked={settings[toggle.name] === true}
                    disabled={locked}
                    aria-describedby={toggle.hint ? `${toggle.name}-hint` : undefined}
                  />{" "}
                  {toggle.label}
                </label>
                {toggle.hint && (
                  <span className="hint" id={`${toggle.name}-hint`}>
                    {locked ? "On for good: SunCo does not allow turning it off." : toggle.hint}
                  </span>
                )}
                {errors[toggle.name] && (
                  <span className="error" role="alert">
                    {errors[toggle.name]!.join(" ")}
                  </span>
                )}
              </div>
            );
          })}
        </fieldset>
      )}
    </ActionForm>
  );
}
