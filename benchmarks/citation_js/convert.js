// citation-js as a user would run it: read a file, convert, write the result.
// usage: node convert.js INPUT FROM TO OUTPUT   (FROM: bibtex | csljson | ris; TO: also biblatex)
"use strict";
const fs = require("fs");
const { Cite } = require("@citation-js/core");
require("@citation-js/plugin-bibtex");
require("@citation-js/plugin-csl");
require("@citation-js/plugin-ris");

const [input, from, to, output] = process.argv.slice(2);
const text = fs.readFileSync(input, "utf8");
const data = from === "csljson" ? JSON.parse(text) : text;
// an explicit input type: citation-js's detection fails on {forceType: undefined}
const forceType = { bibtex: "@biblatex/text", ris: "@ris/file" }[from];
const cite = new Cite(data, forceType ? { forceType } : {});
let out;
if (to === "csljson") out = JSON.stringify(cite.data, null, 2);
else if (to === "bibtex") out = cite.format("bibtex");
else if (to === "biblatex") out = cite.format("biblatex");
else if (to === "ris") out = cite.format("ris");
else throw new Error("unknown target " + to);
fs.writeFileSync(output, out);
console.error(`citation-js: ${cite.data.length} items`);
