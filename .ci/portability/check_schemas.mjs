// Portability check, JavaScript side: every published schema compiles in ajv strict mode.
//
// Usage: node check_schemas.mjs [SCHEMAS_DIR] [--summary-file FILE]
//
// SCHEMAS_DIR defaults to `schemas/` at the repository root (two folders above this file). For
// each file that SCHEMAS_DIR/index.json lists, and for every `*.schema.json` it does not list,
// prints one line `ajv PASS|FAIL <path> ...`, with the reasons of a failure indented below it,
// then a summary line. Exits 1 if anything failed, 2 on a usage error.
//
// Ajv2020 with {strict: true, allErrors: true} and ajv-formats; the project's vendor keywords
// are declared with ajv.addVocabulary from vendor-keywords.json, and any other unknown keyword
// (an undeclared `x-...` included) or unknown format fails, as strict mode means. Anything ajv
// logs while compiling (its logger, console.warn, console.error) fails the schema too. `$ref`s
// are never fetched (no loadSchema): one that does not resolve inside the file fails to compile.
// The schema's `examples` are validated and their errors counted and printed, never a failure:
// the Rust tests own what the examples must satisfy.

import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, posix, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const addFormats = addFormatsModule.default ?? addFormatsModule;

const TOOL = "ajv";
const HERE = dirname(fileURLToPath(import.meta.url));
const DEFAULT_SCHEMAS_DIR = resolve(HERE, "..", "..", "schemas");
const VENDOR_KEYWORDS_FILE = join(HERE, "vendor-keywords.json");
const DIALECT = "https://json-schema.org/draft/2020-12/schema";
// The string fields of an entry of each list of the index: the payloads' schemas and the
// receiver's answers' schemas.
const INDEX_FIELDS = {
  payloads: ["id", "version", "path", "title", "product"],
  answers: ["id", "version", "path", "title"],
};
const SCHEMA_SUFFIX = ".schema.json";
const MAX_DETAILS = 5;

function usage(message) {
  console.error(`${message}\nusage: node check_schemas.mjs [SCHEMAS_DIR] [--summary-file FILE]`);
  process.exit(2);
}

function parseArgs(argv) {
  let schemasDir = DEFAULT_SCHEMAS_DIR;
  let summaryFile = null;
  let positional = 0;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--summary-file") {
      if (i + 1 >= argv.length) usage("--summary-file needs a value");
      summaryFile = argv[++i];
    } else if (argv[i].startsWith("-")) {
      usage(`unknown option ${argv[i]}`);
    } else if (positional++ === 0) {
      schemasDir = resolve(argv[i]);
    } else {
      usage("at most one SCHEMAS_DIR");
    }
  }
  return { schemasDir, summaryFile };
}

function loadVendorKeywords() {
  const keywords = JSON.parse(readFileSync(VENDOR_KEYWORDS_FILE, "utf8"));
  if (!Array.isArray(keywords) || !keywords.every((k) => typeof k === "string" && k.startsWith("x-"))) {
    throw new Error(`${VENDOR_KEYWORDS_FILE}: expected a JSON list of keyword names starting with 'x-'`);
  }
  return keywords;
}

function listSchemaFiles(dir, root = dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) found.push(...listSchemaFiles(full, root));
    else if (name.endsWith(SCHEMA_SUFFIX)) found.push(relative(root, full).split(sep).join("/"));
  }
  return found.sort();
}

const ajvVersion = createRequire(import.meta.url)("ajv/package.json").version;
const formatsVersion = createRequire(import.meta.url)("ajv-formats/package.json").version;

function main() {
  const { schemasDir, summaryFile } = parseArgs(process.argv.slice(2));
  const vendorKeywords = loadVendorKeywords();

  // Everything ajv or a plugin says while compiling ends up here and fails the schema.
  let captured = [];
  const record = (level) => (...args) => captured.push(`${level}: ${args.map(String).join(" ")}`);
  const logger = { log: record("log"), warn: record("warn"), error: record("error") };
  const originalConsole = { warn: console.warn, error: console.error };

  const ajv = new Ajv2020({ strict: true, allErrors: true, logger });
  addFormats(ajv);
  ajv.addVocabulary(vendorKeywords);
  if (captured.length) throw new Error(`ajv set-up logged: ${captured.join("; ")}`);

  console.log(
    `${TOOL}: ajv ${ajvVersion} (Ajv2020, strict, allErrors), ajv-formats ${formatsVersion}, ` +
      `vendor keywords ${JSON.stringify(vendorKeywords)}, schemas in ${schemasDir}`,
  );

  let passed = 0;
  let failed = 0;
  let totalExamples = 0;
  let totalExampleErrors = 0;
  const report = (ok, rel, details, note = "") => {
    if (ok) passed++;
    else failed++;
    console.log(`${TOOL} ${ok ? "PASS" : "FAIL"} ${rel}${note ? "  " + note : ""}`);
    for (const line of details.slice(0, MAX_DETAILS)) console.log(`    ${line}`);
    if (details.length > MAX_DETAILS) console.log(`    ... and ${details.length - MAX_DETAILS} more`);
  };

  const listed = [];
  const indexPath = join(schemasDir, "index.json");
  try {
    if (!existsSync(indexPath)) throw new Error(`${indexPath} does not exist`);
    const index = JSON.parse(readFileSync(indexPath, "utf8"));
    if (index === null || typeof index !== "object" || !Object.keys(INDEX_FIELDS).every((key) => Array.isArray(index[key]))) {
      throw new Error('expected {"payloads": [...], "answers": [...]}');
    }
    const problems = [];
    for (const [key, fields] of Object.entries(INDEX_FIELDS)) {
      index[key].forEach((entry, n) => {
        if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
          problems.push(`${key}[${n}] is not an object`);
          return;
        }
        const missing = fields.filter((f) => typeof entry[f] !== "string");
        if (missing.length) problems.push(`${key}[${n}] lacks string field(s) ${JSON.stringify(missing)}`);
        const rel = entry.path;
        if (typeof rel !== "string") return;
        const normal = posix.normalize(rel);
        if (posix.isAbsolute(rel) || normal !== rel || normal.split("/").includes("..") || !rel.endsWith(SCHEMA_SUFFIX)) {
          problems.push(`${key}[${n}].path ${JSON.stringify(rel)} is not a normalised relative *${SCHEMA_SUFFIX} path`);
        } else if (listed.includes(rel)) {
          problems.push(`${key}[${n}].path ${JSON.stringify(rel)} is listed twice`);
        } else {
          listed.push(rel);
        }
      });
    }
    if (problems.length) throw new Error(problems.join("; "));
  } catch (error) {
    report(false, "index.json", [error.message]);
  }
  if (!listed.length) console.log(`${TOOL}: the index lists no schema`);

  for (const rel of listed) {
    const path = join(schemasDir, ...rel.split("/"));
    if (!existsSync(path)) {
      report(false, rel, ["listed in index.json, but the file is missing"]);
      continue;
    }
    const problems = [];
    const exampleErrors = [];
    let exampleCount = 0;
    let schema;
    try {
      schema = JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      report(false, rel, [`not JSON: ${error.message}`]);
      continue;
    }
    if (schema === null || typeof schema !== "object" || Array.isArray(schema)) {
      report(false, rel, ["the root must be a JSON object"]);
      continue;
    }
    if (schema.$schema !== DIALECT) {
      problems.push(`$schema is ${JSON.stringify(schema.$schema)}, expected ${JSON.stringify(DIALECT)}`);
    }
    captured = [];
    console.warn = record("console.warn");
    console.error = record("console.error");
    let validate = null;
    try {
      validate = ajv.compile(schema);
    } catch (error) {
      problems.push(`compile: ${error.message}`);
    } finally {
      console.warn = originalConsole.warn;
      console.error = originalConsole.error;
    }
    problems.push(...captured.map((line) => `logged while compiling: ${line}`));
    if (validate && Array.isArray(schema.examples)) {
      schema.examples.forEach((example, i) => {
        exampleCount++;
        if (!validate(example)) {
          for (const e of validate.errors) {
            exampleErrors.push(`examples[${i}] at ${e.instancePath || "/"}: ${e.message} (${e.schemaPath})`);
          }
        }
      });
    }
    totalExamples += exampleCount;
    totalExampleErrors += exampleErrors.length;
    const note = `(examples: ${exampleCount}, example errors: ${exampleErrors.length}, not enforced)`;
    report(problems.length === 0, rel, [...problems, ...exampleErrors.map((e) => `note: ${e}`)], note);
  }

  const onDisk = existsSync(schemasDir) ? listSchemaFiles(schemasDir) : [];
  for (const rel of onDisk) {
    if (!listed.includes(rel)) report(false, rel, ["not listed in index.json"]);
  }

  console.log(
    `${TOOL}: ${passed} passed, ${failed} failed ` +
      `(${totalExamples} examples checked, ${totalExampleErrors} example errors, not enforced)`,
  );
  if (summaryFile) writeFileSync(summaryFile, `${passed} ${failed}\n`);
  return failed ? 1 : 0;
}

process.exitCode = main();
