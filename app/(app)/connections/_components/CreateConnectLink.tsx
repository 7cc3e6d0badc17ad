"use client";
// Creates a connect link for one of the partner's customers and shows its URL once, with a copy button.
import { Field } from "@/app/_components/Field";
import { useFormAction } from "@/app/_components/use-form-action";
import { ShownOnce } from "@/app/_components/ShownOnce";
import { createConnectLinkAction } from "../actions";

const DAY = 24 * 60 * 60;
const EXPIRIES = [
  { seconds: DAY, label: "1 day" },
  { seconds: 7 * DAY, label: "7 days" },
  { seconds: 14 * DAY, label: "14 days" },
  { seconds: 30 * DAY, label: "30 days" },
];

export function CreateConnectLink({ returnOrigins }: { returnOrigins: string[] }) {
  const { state, fieldErrors: errors, pending, formProps } = useFormAction(createConnectLinkAction);
  return (
    <>
      {state?.ok && (
        <ShownOnce value={state.data.url} label="The connect link">
          Link for <strong>{state.data.externalId}</strong> — copy it now: Sunbridge keeps only its hash and shows it this once.
        </ShownOnce>
      )}
      {state && !state.ok && Object.keys(errors).length === 0 && (
        <div className="alert error" role="alert">
          {state.error}
        </div>
      )}
      <form {...formProps}>
        <Field id="link-external-id" label="External id" name="externalId" maxLength={200} required errors={errors.externalId} hint="Your product's id for this customer; the connection is tagged with it." />
        <Field id="link-display-name" label="Customer name (optional)" name="displayName" maxLength={200} errors={errors.displayName} />
        <fieldset className="field">
          <legend>Ways to connect</legend>
          <label className="checkbox">
            <input type="checkbox" name="methods" value="oauth" defaultChecked /> <span>Zendesk consent (OAuth)</span>
          </label>
          <label className="checkbox">
            <input type="checkbox" name="methods" value="api_key" defaultChecked /> <span>App API key</span>
          </label>
          {errors.methods && (
            <span className="error" role="alert">
              {errors.methods.join(" ")}
            </span>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor="link-expires">Expires after</label>
          <select id="link-expires" name="expiresInSeconds" defaultValue={String(7 * DAY)}>
            {EXPIRIES.map((expiry) => (
              <option key={expiry.seconds} value={expiry.seconds}>
                {expiry.label}
              </option>
            ))}
          </select>
        </div>
        <Field
          id="link-return-url"
          label="Return URL (optional)"
          name="returnUrl"
          type="url"
          maxLength={2000}
          errors={errors.returnUrl}
          hint={returnOrigins.length ? `Must start with one of: ${returnOrigins.join(", ")}.` : "Allow its origin in Settings → Connect links first."}
        />
        <button type="submit" className="button" disabled={pending}>
          Create connect link
        </button>
      </form>
    </>
  );
}
