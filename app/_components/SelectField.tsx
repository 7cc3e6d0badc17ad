import type { SelectHTMLAttributes } from "react";

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  id: string;
  options: { value: string; label: string }[];
  errors?: string[];
};

/** A labelled select whose errors are announced and tied to it, like Field for inputs. */
export function SelectField({ label, name, id, options, errors, ...select }: SelectFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {errors?.length ? (
        <span className="error" id={`${id}-error`} role="alert">
          {errors.join(" ")}
        </span>
      ) : null}
    </div>
  );
}
