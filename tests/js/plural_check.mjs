// Loads bundle JSON files into real i18next and prints what t() answers.
//
// Reads one JSON spec on stdin:
//   {"lng": "ar", "fallbackLng": ["en"], "ns": "messages",
//    "resources": {"ar": "/path/ar.i18next.json", "en": "/path/en.i18next.json"},
//    "calls": [{"key": "{count} job", "options": {"count": 3}}]}
// and prints one JSON object:
//   {"pluralCategories": [...],  (Intl.PluralRules of lng, CLDR as Node's ICU has it)
//    "answers": [{"key", "options", "value", "usedKey", "exactUsedKey", "usedLng"}, ...]}
// with one answer per call, in order.
// The i18next options are the ones the pipeline's clients use: flat keys
// (no key or namespace separator), no HTML escaping.
import { readFileSync } from "node:fs";
import i18next from "i18next";

function readStdin() {
  return readFileSync(0, "utf8");
}

async function main() {
  const spec = JSON.parse(readStdin());
  const ns = spec.ns ?? "messages";
  const resources = {};
  for (const [lng, path] of Object.entries(spec.resources)) {
    resources[lng] = { [ns]: JSON.parse(readFileSync(path, "utf8")) };
  }

  const instance = i18next.createInstance();
  await instance.init({
    lng: spec.lng,
    fallbackLng: spec.fallbackLng ?? false,
    ns: [ns],
    defaultNS: ns,
    resources,
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });

  const answers = spec.calls.map(({ key, options = {} }) => {
    const details = instance.t(key, { ...options, returnDetails: true });
    return {
      key,
      options,
      value: details.res,
      usedKey: details.usedKey,
      exactUsedKey: details.exactUsedKey,
      usedLng: details.usedLng,
    };
  });
  const pluralCategories = new Intl.PluralRules(spec.lng).resolvedOptions().pluralCategories;
  process.stdout.write(JSON.stringify({ pluralCategories, answers }) + "\n");
}

main().catch((error) => {
  process.stderr.write(`plural_check: ${error.stack ?? error}\n`);
  process.exit(1);
});
