// What a form's server action answered, shown above the form: its message, or why it was refused — unless a field
// already shows that reason beside itself (a refusal is said once).
import type { ActionState } from "@/lib/actions/action";

export function ActionMessage({ state }: { state: ActionState<unknown> }) {
  if (!state) return null;
  if (!state.ok && Object.values(state.fieldErrors ?? {}).some((messages) => messages?.includes(state.error))) return null;
  return (
    <div className={`alert ${state.ok ? "success" : "error"}`} role={state.ok ? "status" : "alert"}>
      {state.ok ? state.message : state.error}
    </div>
  );
}
