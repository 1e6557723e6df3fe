// Interview scheduler: slot list in the viewer's time zone.
(function () {
  "use strict";

  function viewerTimeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  function slotHeading(count, timeZone) {
    return interpolate(
      ngettext("{count} slot in {timezone}", "{count} slots in {timezone}", count),
      { count: count, timezone: timeZone }
    );
  }

  function dayLabel(offset) {
    if (offset === 0) {
      return gettext("Today");
    }
    if (offset === 1) {
      return gettext("Tomorrow");
    }
    return interpolate(ngettext("In {count} day", "In {count} days", offset), { count: offset });
  }

  const labels = {
    bookingFailed: gettext("That time is no longer free. We refreshed the list."),
    timezoneNote: gettext("Times are shown in your time zone."),
    // Translators: column heading in the slot table; noun, the time an interview begins.
    start: pgettext("time", "Start"),
    end: pgettext("time", "End"),
  };

  function conflict(title) {
    return interpolate(gettext("This overlaps with \"{title}\" in your calendar."), {
      title: title,
    });
  }

  window.scheduler = { viewerTimeZone, slotHeading, dayLabel, labels, conflict };
})();
