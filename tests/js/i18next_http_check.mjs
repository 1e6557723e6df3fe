// Loads bundles from the running API with real i18next + i18next-http-backend
// (Node's fetch, so compression and headers are a real client's) and prints
// what t() answers.
//
// Reads one JSON spec on stdin:
//   {"base": "http://127.0.0.1:PORT", "region": "emea", "lng": "fr", "fallbackLng": ["en"],
//    "calls": [{"key": "{count} job", "options": {"count": 2}}]}
// and prints one JSON object:
//   {"loaded": [urls fetched], "languages": [...], "answers": [{"key", "options", "value",
//    "usedLng"}, ...]}
// The i18next options are the pipeline clients' own: flat keys, no HTML escaping.
import { readFileSync } from "node:fs";
import i18next from "i18next";
import HttpBackend from "i18next-http-backend";

async function main() {
  const spec = JSON.parse(readFileSync(0, "utf8"));
  const loaded = [];
  const instance = i18next.createInstance();
  await instance.use(HttpBackend).init({
    lng: spec.lng,
    fallbackLng: spec.fallbackLng ?? false,
    ns: ["messages"],
    defaultNS: "messages",
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
    backend: {
      loadPath: (lngs, namespaces) => {
        const url = `${spec.base}/v1/bundles/${spec.region}/${lngs[0]}?domain=${namespaces[0]}`;
        loaded.push(url);
        return url;
      },
    },
  });

  const answers = spec.calls.map(({ key, options = {} }) => {
    const details = instance.t(key, { ...options, returnDetails: true });
    return { key, options, value: details.res, usedLng: details.usedLng };
  });
  process.stdout.write(JSON.stringify({ loaded, languages: instance.languages, answers }) + "\n");
}

main().catch((error) => {
  process.stderr.write(`i18next_http_check: ${error.stack ?? error}\n`);
  process.exit(1);
});
