// Runs in every http(s) page, and in every frame inside one (a portal may wrap its viewer in an iframe:
// each frame reports on its own, and the background folds the tab's report from them). Injected at
// document_start but started only after the page's load event: the build wraps crxjs's loader in that wait
// (contentScriptAfterPageLoad in vite.config.ts, where the measurements are). The check itself is in check-page.ts.

import { startChecking } from './check-page';

// Documents the reader can see into. Chromium runs content scripts in the page that wraps a PDF,
// an image or a video, but their content is not in the DOM: those tabs stay without a report, and
// the popup says the page cannot be checked.
const READABLE_DOCUMENT = /^(text\/html|application\/xhtml\+xml|text\/plain|application\/([\w.-]+\+)?json|text\/json)$/i;

if (READABLE_DOCUMENT.test(document.contentType)) void startChecking();
