// What every form of a connection's settings gives memberAction besides its schema and use-case: the form's fields
// (the webhook trigger checkboxes as a list), and after a change every tab shows SunCo's new state. A form that
// says what it did on success needs nothing else back.
import { formInput } from "@/lib/actions/action";
import { nothing, type Revalidation } from "@/lib/actions/member-action";

const EVERY_TAB: Revalidation = ["/connections/[connectionId]", "layout"];

export const SETUP_FORM = { input: formInput(), revalidate: EVERY_TAB };
export const SETUP_FORM_WITH_TRIGGERS = { input: formInput({ lists: ["triggers"] }), revalidate: EVERY_TAB };

export const saying = (message: string, form: typeof SETUP_FORM = SETUP_FORM) => ({ ...form, returns: nothing, message });
