/** A few helpers to build DOM trees without a framework. Text is always set as text (never parsed as HTML). */

export type Child = Node | string | number | null | undefined | false | readonly Child[];

export interface Props {
  readonly class?: string | undefined;
  readonly id?: string | undefined;
  readonly text?: string | undefined;
  readonly title?: string | undefined;
  readonly role?: string | undefined;
  readonly hidden?: boolean | undefined;
  /** `data-*` attributes (keys without the prefix). */
  readonly data?: Readonly<Record<string, string | number>> | undefined;
  /** `aria-*` attributes (keys without the prefix). */
  readonly aria?: Readonly<Record<string, string>> | undefined;
  /** Other attributes, set as they are (`type`, `name`, `href`, `for`…). */
  readonly attrs?: Readonly<Record<string, string | number | boolean | undefined>> | undefined;
  readonly onClick?: ((event: MouseEvent) => void) | undefined;
  readonly onSubmit?: ((event: SubmitEvent) => void) | undefined;
  readonly onChange?: ((event: Event) => void) | undefined;
}

const append = (parent: Node, child: Child): void => {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child as readonly Child[]) append(parent, c);
    return;
  }
  parent.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : (child as Node));
};

export const h = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] => {
  const el = document.createElement(tag);
  if (props.class !== undefined) el.className = props.class;
  if (props.id !== undefined) el.id = props.id;
  if (props.text !== undefined) el.textContent = props.text;
  if (props.title !== undefined) el.title = props.title;
  if (props.role !== undefined) el.setAttribute("role", props.role);
  if (props.hidden === true) el.hidden = true;
  for (const [key, value] of Object.entries(props.data ?? {})) el.dataset[key] = String(value);
  for (const [key, value] of Object.entries(props.aria ?? {})) el.setAttribute(`aria-${key}`, value);
  for (const [key, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    el.setAttribute(key, value === true ? "" : String(value));
  }
  if (props.onClick !== undefined) el.addEventListener("click", props.onClick as EventListener);
  if (props.onSubmit !== undefined) el.addEventListener("submit", props.onSubmit as EventListener);
  if (props.onChange !== undefined) el.addEventListener("change", props.onChange);
  append(el, children);
  return el;
};

/** Replaces the children of `parent`. */
export const render = (parent: Element, ...children: Child[]): void => {
  parent.replaceChildren();
  append(parent, children);
};

/** A labelled form field: the label wraps its control. */
export const field = (label: string, control: HTMLElement, hint?: string): HTMLLabelElement =>
  h("label", { class: "field" }, h("span", { class: "field-label", text: label }), control, hint === undefined ? null : h("small", { class: "hint", text: hint }));

export const select = (name: string, options: readonly (readonly [value: string, label: string])[], selected?: string): HTMLSelectElement => {
  const el = h("select", { attrs: { name } });
  for (const [value, label] of options) {
    const option = h("option", { text: label, attrs: { value } });
    if (value === selected) option.selected = true;
    el.appendChild(option);
  }
  return el;
};

export const input = (name: string, type: string, value = "", attrs: Props["attrs"] = {}): HTMLInputElement => {
  const el = h("input", { attrs: { name, type, ...attrs } });
  el.value = value;
  return el;
};

/** The value of a named control of `form` (empty string when absent). */
export const formValue = (form: HTMLFormElement, name: string): string => {
  const control = form.elements.namedItem(name);
  if (control instanceof HTMLInputElement && control.type === "checkbox") return control.checked ? "on" : "";
  if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement) return control.value;
  return "";
};

/** The value of a control that offers only `options` (a select), as one of them. */
export const chosenValue = <T extends string>(form: HTMLFormElement, name: string, options: readonly T[]): T => {
  const value = formValue(form, name);
  const found = options.find((option) => option === value);
  if (found === undefined) throw new Error(`${name}: "${value}" is not one of the choices offered`);
  return found;
};
