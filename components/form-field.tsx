/**
 * A labelled form control in the app's `.field` box: the label, the control and what follows it
 * (a hint, an error, a datalist). Every prop other than the box's goes to the control, so a field
 * reads like the input it wraps.
 */
import type { CSSProperties, InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

interface FieldBox {
  id: string;
  label: ReactNode;
  /** Style of the box (its share of a row), not of the control. */
  fieldStyle?: CSSProperties;
  /** What follows the control inside the box. */
  after?: ReactNode;
  /** Why the server refused this field: shown under it, and the control marked invalid. */
  error?: string;
}

function Box({ id, label, fieldStyle, after, error, control }: FieldBox & { control: ReactNode }) {
  return (
    <div className="field" style={fieldStyle}>
      <label htmlFor={id}>{label}</label>
      {control}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      {after}
    </div>
  );
}

/** What the control carries about its error: marked invalid, described by the reason. */
function invalid(id: string, error: string | undefined) {
  return error ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};
}

export function TextField({
  id,
  label,
  fieldStyle,
  after,
  error,
  ...input
}: FieldBox & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className">) {
  const box = { id, label, fieldStyle, after, error };
  return <Box {...box} control={<input id={id} className="input" {...input} {...invalid(id, error)} />} />;
}

/** A labelled select; its options are the children. */
export function SelectField({
  id,
  label,
  fieldStyle,
  after,
  error,
  ...select
}: FieldBox & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "className">) {
  const box = { id, label, fieldStyle, after, error };
  return <Box {...box} control={<select id={id} className="select" {...select} {...invalid(id, error)} />} />;
}
