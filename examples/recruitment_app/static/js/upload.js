// Résumé upload widget: checks files in the browser before they are sent.
(function () {
  "use strict";

  const MAX_MB = 10;
  const EXTENSIONS = ["pdf", "docx", "doc", "rtf", "txt"];

  function checkFile(file) {
    const extension = file.name.split(".").pop().toLowerCase();
    if (!EXTENSIONS.includes(extension)) {
      return interpolate(
        gettext("{filename} can't be uploaded. Choose a PDF, DOCX, DOC, RTF or TXT file."),
        { filename: file.name }
      );
    }
    if (file.size > MAX_MB * 1024 * 1024) {
      return interpolate(gettext("{filename} is larger than {limit} MB."), {
        filename: file.name,
        limit: MAX_MB,
      });
    }
    return null;
  }


  function progress(percent) {
    // Translators: upload progress; {percent} is a number from 0 to 100 followed by a percent sign.
    return interpolate(gettext("Uploaded {percent}"), { percent: percent + "\u0025" });
  }

  const labels = {
    choose: gettext("Choose file"),
    done: gettext("Upload complete"),
    failed: gettext("Upload failed. Check your connection and try again."),
    parsed: gettext("We filled in your profile from your résumé. Please check it."),
  };

  window.resumeUpload = { MAX_MB, EXTENSIONS, checkFile, progress, labels };
})();
