// Job search page: live result counts, filters and saved searches.
(function () {
  "use strict";

  const RADIUS_CHOICES = [5, 10, 25, 50, 100];

  function radiusLabel(km) {
    return interpolate(gettext("Within {distance} km"), { distance: km });
  }

  function resultCount(count) {
    return interpolate(ngettext("{count} result", "{count} results", count), { count: count });
  }

  function emptyState(keywords) {
    if (keywords) {
      return interpolate(gettext("Nothing found for \"{keywords}\"."), { keywords: keywords });
    }
    return gettext("Start typing a job title, skill or company.");
  }

  const labels = {
    placeholder: gettext("Job title, skill or company"),
    locationPlaceholder: gettext("City, region or \"Remote\""),
    clear: gettext("Clear all filters"),
    // Translators: toggle in the filter panel; shows only jobs that can be done from anywhere.
    remoteOnly: gettext("Remote only"),
    saveSearch: gettext("Save this search"),
    // Translators: verb; a button that opens the job post (not the job status "Open").
    openJob: pgettext("action", "Open"),
  };

  function savedBadge(count) {
    return interpolate(
      ngettext("{count} new since your last visit", "{count} new since your last visit", count),
      { count: count }
    );
  }

  function removeSavedSearch(name) {
    return window.confirm(
      interpolate(gettext("Stop getting alerts for \"{name}\"?"), { name: name })
    );
  }

  window.jobSearch = { RADIUS_CHOICES, radiusLabel, resultCount, emptyState, labels, savedBadge,
    removeSavedSearch };
})();
