// Lighthouse over several pages in one process, against a Chromium that the caller started
// (tests/test_lighthouse_browser.py): one Node start-up and one browser for every audit.
//
//   node .ci/lighthouse.mjs PORT mobile|desktop URL [URL ...]
//
// Prints one JSON line per URL: its scores (0-100) and its cumulative layout shift.
import lighthouse from "lighthouse";
import desktop from "lighthouse/core/config/desktop-config.js";

const [port, formFactor, ...urls] = process.argv.slice(2);
const config = formFactor === "desktop" ? desktop : undefined;
const flags = {
  port: Number(port),
  output: "json",
  logLevel: "error",
  onlyCategories: ["performance", "best-practices"],
  disableFullPageScreenshot: true,
};

for (const url of urls) {
  const result = await lighthouse(url, flags, config);
  const { categories, audits, runtimeError, runWarnings } = result.lhr;
  const score = (name) => Math.round((categories[name].score ?? 0) * 100);
  console.log(JSON.stringify({
    url,
    formFactor,
    performance: score("performance"),
    bestPractices: score("best-practices"),
    cls: audits["cumulative-layout-shift"].numericValue,
    lcp: audits["largest-contentful-paint"].numericValue,
    failed: Object.values(audits)
      .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== "informative")
      .map((audit) => audit.id),
    error: runtimeError ? runtimeError.message : null,
    warnings: runWarnings,
  }));
}
