// A form's named fields shadow the form's own members: inside <form><input name="getAttribute"></form>,
// form.getAttribute is that input, and calling it throws. Forms are the only elements a page can clobber
// this way, but the reader meets forms everywhere (walking all elements, finding a text's record), so it
// calls the members it needs through the originals on the element prototype. They are looked up once per
// read, from the document's own root, so they belong to the document's realm: the live page, a DOMParser
// document (the no-login re-check) or happy-dom in tests.

export interface ElementOriginals {
  attribute(element: Element, name: string): string | null;
  closest(element: Element, selector: string): Element | null;
  querySelector(element: Element, selector: string): Element | null;
  /** A form's fields, or null if the element is no HTML form. */
  formFields(form: Element): HTMLFormControlsCollection | null;
}

function ownMember(object: object, name: string): PropertyDescriptor | undefined {
  for (let proto = Object.getPrototypeOf(object) as object | null; proto; proto = Object.getPrototypeOf(proto) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor) return descriptor;
  }
  return undefined;
}

type Method<R> = (this: Element, ...args: string[]) => R;

function method<R>(sample: Element, name: string): Method<R> {
  const value: unknown = ownMember(sample, name)?.value;
  if (typeof value !== 'function') throw new TypeError(`no Element.${name}`);
  return value as Method<R>;
}

/** The prototype members of `sample`'s realm (any element of the document, form or not). */
export function elementOriginals(sample: Element): ElementOriginals {
  const getAttribute = method<string | null>(sample, 'getAttribute');
  const closest = method<Element | null>(sample, 'closest');
  const querySelector = method<Element | null>(sample, 'querySelector');
  return {
    attribute: (element, name) => getAttribute.call(element, name),
    closest: (element, selector) => closest.call(element, selector),
    querySelector: (element, selector) => querySelector.call(element, selector),
    formFields(form) {
      const elements = ownMember(form, 'elements')?.get?.call(form) as HTMLFormControlsCollection | undefined;
      return elements && typeof elements.item === 'function' ? elements : null;
    },
  };
}
