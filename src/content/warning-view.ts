// What the warning bar and the password note look like: their elements and their styles, built from the
// given texts with textContent only. No extension API and no page access here, so the unit tests render
// them in happy-dom, and the accessibility test renders them in an ordinary page (axe-core cannot enter
// the closed shadow root they live in inside real pages; see shielded-host.ts).

export interface BarTexts {
  locale: string;
  label: string;
  sentence: string;
  explain: string;
  hideOnSite: string;
  close: string;
}

export interface BarActions {
  explain(): void;
  hideOnSite(): void;
  close(): void;
}

// Fixed colours, not the page's and not the system's: the bar must look the same, and stand out, on light
// and dark pages. White on #8c1d18 has a contrast of 8.5:1; the white edge and the black shadow below
// keep it apart from red, white and black page tops alike. Sizes are in em of the host's `medium`, so
// they follow the browser's font size and zoom, never the page's root font size.
export const WARNING_STYLES = `
:host { all: initial; }
.bar, .note { box-sizing: border-box; font: 1em/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; text-align: start; }
.bar {
  display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em 1.25em;
  padding: 0.45em 1em; max-height: 60vh; overflow: auto;
  background: #8c1d18; color: #fff;
  border-bottom: 3px solid #fff; box-shadow: 0 2px 0 #000, 0 4px 14px rgba(0, 0, 0, 0.45);
}
.message { display: flex; align-items: flex-start; gap: 0.6em; flex: 1 1 24em; margin: 0; min-width: 0; overflow-wrap: anywhere; }
.icon { flex: none; width: 1.4em; height: 1.4em; margin-top: 0.05em; }
.label { font-weight: 700; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5em; }
button {
  font: inherit; font-weight: 600; line-height: 1.2; margin: 0; min-height: 2.25em; padding: 0.3em 0.9em;
  border: 2px solid #fff; border-radius: 0.3em; cursor: pointer;
  background: #fff; color: #8c1d18;
}
button.quiet { background: transparent; color: #fff; }
button:hover { background: #f3dcda; color: #5c100c; }
button.quiet:hover { background: #6e1511; color: #fff; }
button:focus-visible { outline: 3px solid #ffd60a; outline-offset: 2px; }
.note {
  position: relative; max-width: min(32em, calc(100vw - 1em)); margin: 0; padding: 0.45em 0.7em;
  font-size: 0.9375em; background: #fff4d6; color: #3d2600;
  border: 2px solid #8c1d18; border-radius: 0.3em; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.35);
}
.note:empty { display: none; }
/* A small arrow pointing at the field, below the note or above it. */
.note::after {
  content: ""; position: absolute; left: 1em; top: 100%;
  border: 0.6em solid transparent; border-top-color: #8c1d18;
}
.note[data-side="below"]::after { top: auto; bottom: 100%; border-top-color: transparent; border-bottom-color: #8c1d18; }
@media (forced-colors: active) {
  .bar, .note { background: Canvas; color: CanvasText; border: 2px solid CanvasText; }
  .note::after { display: none; }
  button, button.quiet { background: ButtonFace; color: ButtonText; border-color: ButtonText; }
}
`;

/** Styles inside a shadow root: a constructed sheet where the browser lets a content script adopt one, else a <style>. */
export function addStyles(root: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = css;
    root.append(style);
  }
}

function warningIcon(): SVGSVGElement {
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('class', 'icon');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const triangle = document.createElementNS(svgNs, 'path');
  triangle.setAttribute('d', 'M12 2 1 21h22L12 2z');
  triangle.setAttribute('fill', '#ffd60a');
  triangle.setAttribute('stroke', '#000');
  triangle.setAttribute('stroke-width', '1');
  const mark = document.createElementNS(svgNs, 'path');
  mark.setAttribute('d', 'M11 9h2v6h-2zm0 8h2v2h-2z');
  mark.setAttribute('fill', '#000');
  svg.append(triangle, mark);
  return svg;
}

/**
 * A button that acts on a person's click or key press only. The bar sits in a closed shadow root, so a
 * page cannot reach its buttons at all; the isTrusted check also refuses clicks made by any script.
 */
function trustedButton(text: string, onPress: () => void, quiet = false): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = text;
  if (quiet) button.className = 'quiet';
  button.addEventListener('click', (event) => {
    event.stopPropagation();
    if (event.isTrusted) onPress();
  });
  return button;
}

export interface BarView {
  sentence: string;
  setSentence(sentence: string): void;
}

export function renderWarningBar(root: ShadowRoot, texts: BarTexts, actions: BarActions): BarView {
  // A labelled region: screen readers list it among the page's landmarks, under the label's words.
  const bar = document.createElement('section');
  bar.className = 'bar';
  bar.lang = texts.locale;
  bar.setAttribute('aria-labelledby', 'portal-checkup-label');
  // The alert holds only the label and the sentence, so a screen reader announces the warning, not the buttons.
  const message = document.createElement('p');
  message.className = 'message';
  message.setAttribute('role', 'alert');
  const words = document.createElement('span');
  const label = document.createElement('strong');
  label.className = 'label';
  label.id = 'portal-checkup-label';
  label.textContent = texts.label;
  const sentence = document.createElement('span');
  sentence.textContent = texts.sentence;
  words.append(label, ' ', sentence);
  message.append(warningIcon(), words);

  const buttons = document.createElement('div');
  buttons.className = 'actions';
  buttons.append(
    trustedButton(texts.explain, actions.explain),
    trustedButton(texts.hideOnSite, actions.hideOnSite, true),
    trustedButton(texts.close, actions.close, true),
  );
  bar.append(message, buttons);
  root.append(bar);

  const view: BarView = {
    sentence: texts.sentence,
    setSentence(next) {
      view.sentence = next;
      sentence.textContent = next;
    },
  };
  return view;
}

export interface NoteView {
  note: HTMLElement;
  /** Says the note (a status: screen readers read it once the field has been announced). */
  say(): void;
  silence(): void;
}

export function renderPasswordNote(root: ShadowRoot, locale: string, text: string): NoteView {
  const note = document.createElement('p');
  note.className = 'note';
  note.lang = locale;
  note.setAttribute('role', 'status');
  root.append(note);
  return {
    note,
    say: () => void (note.textContent = text),
    silence: () => void (note.textContent = ''),
  };
}
