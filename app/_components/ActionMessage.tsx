// What a form's server action answered, shown above the form: its message, or why it was refused.
import type { ActionState } from "@/lib/actions/action";

export function ActionMessage({ state }: { state: ActionState<unknown> }) {
  if (!state) return null;
  return (
    <div className={`alert ${state.ok ? "success" : "error"}`} role={state.ok ? "status" : "alert"}>
      {state.ok ? state.message : state.error}
    </div>
  );
}
