// Employer dashboard: drag and drop between pipeline stages, live counters.
(function () {
  "use strict";

  function moved(name, stage) {
    return interpolate(gettext("{name} moved to {stage}"), { name: name, stage: stage });
  }

  function selected(count) {
    return interpolate(
      ngettext("{count} candidate selected", "{count} candidates selected", count),
      { count: count }
    );
  }


  const labels = {
    undo: gettext("Undo"),
    // Translators: job status filter in the dashboard (adjective: jobs that are open).
    openJobs: pgettext("job status", "Open"),
    lastUpdated: gettext("Last updated:"),
    dropDenied: gettext("Candidates can't skip the interview stage."),
  };

  function chartLabel(metric, days) {
    return interpolate(
      ngettext("{metric} over the last {count} day", "{metric} over the last {count} days", days),
      { metric: metric, count: days }
    );
  }

  window.dashboard = { moved, selected, labels, chartLabel };
})();
