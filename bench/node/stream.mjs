// The loop a user would write instead of the CLI: each line of an NDJSON stream parsed with
// JSON.parse and checked by a compiled ajv validator of its known kind.
//
// Usage: node stream.mjs STREAM ID...   (line i, blank lines not counted, is of kind ID[i % n];
//        `stream_file --kinds` prints the ids in the order of the benchmark's stream)
//
// Ajv2020 with {strict: true}, ajv-formats, and the project's vendor keywords declared with
// ajv.addKeyword (the list every portability check reads, `.ci/portability/vendor-keywords.json`),
// so strict mode accepts the published schemas as they are. Prints `N valid, M invalid`.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const addFormats = addFormatsModule.default ?? addFormatsModule;
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const schemas = join(root, "schemas");

const [stream, ...ids] = process.argv.slice(2);
if (!stream || ids.length === 0) {
  console.error("usage: node stream.mjs STREAM ID...");
  process.exit(2);
}
const ajv = new Ajv2020({ strict: true });
addFormats(ajv);
const keywords = join(root, ".ci", "portability", "vendor-keywords.json");
for (const keyword of JSON.parse(readFileSync(keywords, "utf8"))) ajv.addKeyword(keyword);
const index = JSON.parse(readFileSync(join(schemas, "index.json"), "utf8")).payloads;
// A kind's newest schema version (SchemaVer, `MODEL-REVISION-ADDITION`): the one the CLI checks.
const version = (entry) => entry.version.split("-").map(Number);
const older = (a, b) => {
  const [x, y] = [version(a), version(b)];
  const at = x.findIndex((part, i) => part !== y[i]);
  return at < 0 ? 0 : x[at] - y[at];
};
const validators = ids.map((id) => {
  const entry = index.filter((payload) => payload.id === id).sort(older).at(-1);
  if (!entry) throw new Error(`no payload kind ${id} in schemas/index.json`);
  return ajv.compile(JSON.parse(readFileSync(join(schemas, entry.path), "utf8")));
});

let documents = 0;
let valid = 0;
for (const line of readFileSync(stream, "utf8").split("\n")) {
  if (line.length === 0) continue;
  const validate = validators[documents % validators.length];
  documents += 1;
  if (validate(JSON.parse(line))) valid += 1;
}
console.log(`${valid} valid, ${documents - valid} invalid`);
