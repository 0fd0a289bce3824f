// Render CSL-JSON items with citeproc-js, the reference CSL processor, for comparison with
// `bibconv format`. Usage:
//   node render.js ITEMS.json STYLE.csl LOCALES_DIR [LANG] [text|html] [--citations]
// Prints a JSON object {id: entry} for the bibliography (entries in the style's order, so
// Object.keys gives the order too), or with --citations {id: in-text citation}.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const [itemsPath, stylePath, localesDir, lang = "en-US", format = "text"] = process.argv.slice(2);
const wantCitations = process.argv.includes("--citations");
const items = JSON.parse(fs.readFileSync(itemsPath, "utf8"));
const byId = new Map(items.map((item) => [String(item.id), item]));

const sys = {
  retrieveLocale(code) {
    const file = path.join(localesDir, `locales-${code}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
  },
  retrieveItem(id) {
    return byId.get(String(id));
  },
};

const engine = new CSL.Engine(sys, fs.readFileSync(stylePath, "utf8"), lang, true);
engine.setOutputFormat(format);
engine.updateItems([...byId.keys()]);
const out = {};
if (wantCitations) {
  // One citation per item, in item order, processed together so that numbering and
  // disambiguation (2025a/2025b) see every item, as in a real document.
  const citations = [...byId.keys()].map((id, i) => ({
    citationID: `c${i}`, citationItems: [{ id }], properties: { noteIndex: 0 },
  }));
  const result = engine.rebuildProcessorState(citations, format);
  result.forEach(([citationID, , text], i) => { out[citations[i].citationItems[0].id] = text; });
} else {
  const [meta, entries] = engine.makeBibliography();
  meta.entry_ids.forEach((ids, i) => { out[ids[0]] = entries[i]; });
}
process.stdout.write(JSON.stringify(out, null, 1));
