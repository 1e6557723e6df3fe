// Gettext functions for the browser. The bundle loader sets window.i18nCatalog
// to the gettext JSON of the active locale; without it the source English shows.
(function (global) {
  "use strict";

  const catalog = global.i18nCatalog || { messages: {}, plural: (n) => (n === 1 ? 0 : 1) };

  function lookup(key, fallback) {
    const entry = catalog.messages[key];
    return entry === undefined || entry === "" ? fallback : entry;
  }

  function gettext(msgid) {
    return lookup(msgid, msgid);
  }

  function ngettext(singular, plural, n) {
    const forms = catalog.messages[singular];
    if (Array.isArray(forms)) {
      return forms[catalog.plural(n)] || (n === 1 ? singular : plural);
    }
    return n === 1 ? singular : plural;
  }

  function pgettext(context, msgid) {
    return lookup(context + "\u0004" + msgid, msgid);
  }

  // Fill brace placeholders: interpolate("Hi {name}", { name: "Ana" }).
  function interpolate(text, values) {
    return text.replace(/\{(\w+)\}/g, (match, key) =>
      Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match
    );
  }

  global.gettext = gettext;
  global.ngettext = ngettext;
  global.pgettext = pgettext;
  global.interpolate = interpolate;
})(typeof window !== "undefined" ? window : globalThis);
