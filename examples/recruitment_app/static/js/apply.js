// Application form: step navigation, autosave and submission.
(function () {
  "use strict";

  const AUTOSAVE_MS = 15000;

  const labels = {
    next: gettext("Continue"),
    back: pgettext("navigation", "Back"),
    // Translators: noun; heading of the application summary, not the verb "to apply".
    heading: pgettext("noun", "Application"),
    // Translators: verb; the final button that sends the application.
    submit: pgettext("verb", "Apply"),
    autosaved: gettext("Draft saved automatically"),
    leave: gettext("Your answers are saved as a draft. You can come back to finish."),
  };

  function remainingCharacters(left) {
    return interpolate(
      ngettext("{count} character left", "{count} characters left", left),
      { count: left }
    );
  }

  function savedAt(time) {
    return interpolate(gettext("Saved at {time}"), { time: time });
  }

  function submitFailed(status) {
    if (status === 409) {
      return gettext("You've already applied to this job.");
    }
    if (status === 0) {
      return gettext("We couldn't reach the server. Your draft is safe; try again when you're online.");
    }
    return gettext("Your application couldn't be sent. Please try again.");
  }

  function questionsLeft(count) {
    return interpolate(
      ngettext("{count} question left", "{count} questions left", count),
      { count: count }
    );
  }

  window.applyForm = { AUTOSAVE_MS, labels, remainingCharacters, savedAt, submitFailed,
    questionsLeft };
})();
