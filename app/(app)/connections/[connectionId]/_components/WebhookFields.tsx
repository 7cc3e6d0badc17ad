import { Field } from "@/app/_components/Field";
import type { FieldErrors } from "@/lib/errors";

const GROUPS: { label: string; prefix: string }[] = [
  { label: "Conversations", prefix: "conversation:" },
  { label: "Switchboard", prefix: "switchboard:" },
  { label: "Clients", prefix: "client:" },
  { label: "Users", prefix: "user:" },
  { label: "Raw channel payloads", prefix: "passthrough:" },
];

interface Props {
  /** Every trigger SunCo offers (passed in, so the schemas stay out of the browser bundle). */
  triggers: readonly string[];
  selected: readonly string[];
  idPrefix: string;
  errors?: string[];
}

/** The webhook triggers as checkboxes, grouped by what they are about. */
export function TriggerFieldset({ triggers, selected, idPrefix, errors }: Props) {
  const errorId = `${idPrefix}-triggers-error`;
  return (
    <fieldset className="field triggers" aria-describedby={errors?.length ? errorId : undefined}>
      <legend>Triggers</legend>
      {GROUPS.map((group) => (
        <div key={group.prefix} className="trigger-group">
          <span className="muted">{group.label}</span>
          <div className="checkbox-grid">
            {triggers.filter((trigger) => trigger.startsWith(group.prefix)).map((trigger) => (
              <label key={trigger} className="checkbox">
                <input type="checkbox" name="triggers" value={trigger} defaultChecked={selected.includes(trigger)} /> <code>{trigger}</code>
              </label>
            ))}
          </div>
        </div>
      ))}
      {errors?.length ? (
        <span className="error" id={errorId} role="alert">
          {errors.join(" ")}
        </span>
      ) : null}
    </fieldset>
  );
}

/** includeFullUser and includeFullSource, as checkboxes. */
export function PayloadOptions({ fullUser, fullSource }: { fullUser: boolean; fullSource: boolean }) {
  return (
    <div className="field">
      <label className="checkbox">
        <input type="checkbox" name="includeFullUser" defaultChecked={fullUser} /> Include the full user (profile, identities) in events
      </label>
      <label className="checkbox">
        <input type="checkbox" name="includeFullSource" defaultChecked={fullSource} /> Include the client and device in event sources
      </label>
    </div>
  );
}

/** A new webhook's target, triggers and payload options (a new custom integration's webhook too). */
export function NewWebhookFields({ idPrefix, triggers, errors, hint }: { idPrefix: string; triggers: readonly string[]; errors: FieldErrors; hint: string }) {
  return (
    <>
      <Field
        id={`${idPrefix}-target`}
        label="Webhook target URL"
        name="target"
        type="url"
        required
        placeholder="https://bot.example.com/sunco"
        hint={hint}
        errors={errors.target}
      />
      <TriggerFieldset idPrefix={idPrefix} triggers={triggers} selected={["conversation:message"]} errors={errors.triggers} />
      <PayloadOptions fullUser={false} fullSource={false} />
    </>
  );
}
