// The note by a password field on a medical page over http:, like the browsers' own "not secure" note
// on logins, but also where they do not show one (loopback and local-network addresses, for example).
//
// It shows while a password field has focus, just above it: that is when the patient is about to type,
// and it then covers the field's label rather than the field. Shown all the time it would cover the
// page's labels and text; inserted next to the field it would change the page's layout, which can break
// login forms. It is placed from the field's position, read when the field gets focus and again, once per
// frame at most, while the page scrolls or resizes.

import { createShieldedHost } from './shielded-host';
import { addStyles, renderPasswordNote, WARNING_STYLES } from './warning-view';

export interface PasswordNote {
  remove(): void;
}

// Room for the note's arrow between it and the field.
const GAP_PX = 10;

function isPasswordField(target: EventTarget | Element | null | undefined): target is HTMLInputElement {
  const field = target as HTMLInputElement | null | undefined;
  return field?.localName === 'input' && field.type === 'password';
}

// composedPath()[0]: the field itself, also inside a page's open shadow root.
const eventField = (event: Event): HTMLInputElement | null => {
  const target = event.composedPath()[0];
  return isPasswordField(target) ? target : null;
};

export function watchPasswordFields(locale: string, text: string): PasswordNote {
  // pointer-events: none: the note has nothing to click, and a click meant for the page (the field above,
  // a label) goes through it.
  const host = createShieldedHost({ top: '0', left: '0', right: 'auto', bottom: 'auto', width: 'auto', height: 'auto', 'pointer-events': 'none' });
  addStyles(host.root, WARNING_STYLES);
  const view = renderPasswordNote(host.root, locale, text);
  let field: HTMLInputElement | null = null;
  let frame = 0;

  const place = (): void => {
    frame = 0;
    if (!field) return;
    const rect = field.getBoundingClientRect();
    const left = `${Math.max(0, Math.round(rect.left))}px`;
    // Above the field, its arrow pointing down at it; below it when there is no room above.
    const above = rect.top - GAP_PX - view.note.getBoundingClientRect().height >= 0;
    view.note.dataset.side = above ? 'above' : 'below';
    if (above) host.place({ left, top: `${Math.round(rect.top) - GAP_PX}px`, transform: 'translateY(-100%)' });
    else host.place({ left, top: `${Math.round(rect.bottom) + GAP_PX}px`, transform: 'none' });
  };
  const placeSoon = (): void => {
    if (field && frame === 0) frame = requestAnimationFrame(place);
  };

  const showFor = (focused: HTMLInputElement): void => {
    field = focused;
    view.silence();
    host.show();
    place();
    // Filled after showing, so the status is announced after the field; placed again at its full height.
    requestAnimationFrame(() => {
      view.say();
      place();
    });
  };
  const onFocusIn = (event: Event): void => {
    const focused = eventField(event);
    if (focused) showFor(focused);
  };
  const onFocusOut = (event: Event): void => {
    if (!eventField(event)) return;
    field = null;
    view.silence();
    host.hide();
  };

  document.addEventListener('focusin', onFocusIn, true);
  document.addEventListener('focusout', onFocusOut, true);
  window.addEventListener('scroll', placeSoon, { capture: true, passive: true });
  window.addEventListener('resize', placeSoon, { passive: true });
  // The patient may already be in the field when the check ends.
  const active = document.activeElement;
  const activeField = active?.shadowRoot?.activeElement ?? active;
  if (isPasswordField(activeField)) showFor(activeField);

  return {
    remove() {
      document.removeEventListener('focusin', onFocusIn, true);
      document.removeEventListener('focusout', onFocusOut, true);
      window.removeEventListener('scroll', placeSoon, true);
      window.removeEventListener('resize', placeSoon);
      if (frame) cancelAnimationFrame(frame);
      host.remove();
    },
  };
}
