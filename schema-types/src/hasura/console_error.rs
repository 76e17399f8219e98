//! `hasura/console-error`: an event the Hasura Console reports, typically a runtime error.

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::api::Clue;
use crate::catalog::{self, Cadence, Catalog, Editions, Emitter, OptOut, Switch};
use crate::common::UuidOrEmpty;
use crate::fixture::Fixture;
use crate::payload::{Layer, Payload, SchemaVersion};
use crate::validate::stream::{Look, skip_map};
use crate::validate::{Checker, Seen, Validate};
use schema_runtime::optional_members;

use super::envelope::ConsoleTopic;

/// An event reported by the Hasura Console: a runtime error with the anonymised route it
/// happened on.
///
/// The Console collects runtime errors along with anonymised route names, without any
/// identifiable information or payload, and records the UUID of the server or CLI it is
/// connected to. It POSTs `{"topic": "console", "data": ...}` (`console_test` from dev builds)
/// to telemetry.hasura.io (`console/src/telemetry/index.ts`). Turned off with the server's or the
/// CLI's telemetry setting (`HASURA_GRAPHQL_ENABLE_TELEMETRY=false`), depending on which serves
/// the Console.
///
/// Closed (no other members): a privacy audit reads this schema as the complete list of what the
/// Console sends; the page promises nothing identifiable, and a member not listed here would be
/// data it does not declare.
#[optional_members]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct ConsoleError {
    /// The version of the server the Console is connected to. Free-form: the Console's code
    /// usually sends it `v`-prefixed (`v2.0.9`; `hasura/graphql-engine`
    /// `console/src/telemetry/index.ts`), while the page's sample shows `2.0.0`.
    #[schemars(extend("x-privacy" = "version"))]
    pub server_version: String,
    /// What happened: `Main/RUN_TIME_ERROR` for a runtime error. The same channel carries other
    /// UI events under other names.
    #[schemars(extend("x-privacy" = "category"))]
    pub event_type: String,
    /// The route the Console was on, with the names of tables, schemas, views, functions, Remote
    /// Schemas and triggers replaced by the placeholders `SCHEMA_NAME`, `TABLE_NAME`,
    /// `VIEW_NAME`, `FUNCTION_NAME`, `REMOTE_SCHEMA_NAME`, `TRIGGER_NAME`, `DATA_TRIGGER_NAME`
    /// and `CRON_TRIGGER_NAME` (`console/src/telemetry/filters.ts`): the actual names are not
    /// sent. `SCHEMA_NAME` and `TABLE_NAME` in the page's sample are these placeholders as sent,
    /// not the page's stand-ins for real names.
    #[schemars(extend("x-privacy" = "url"))]
    pub url: String,
    /// Which program serves the Console: the CLI (`hasura console`) or the server.
    #[schemars(extend("x-privacy" = "category"))]
    pub console_mode: ConsoleMode,
    /// The UUID of the CLI serving the Console (the `uuid` of its `~/.hasura/config.json`), as
    /// the page shows it. Variant: in server mode no CLI is involved, and the Console's code
    /// leaves the member out or sends `""` (`hasura/graphql-engine`
    /// `console/src/telemetry/index.ts`); both are accepted. Never `null`, and any other text
    /// than a lower-case UUID is refused.
    #[schemars(extend("x-privacy" = "random-id"))]
    pub cli_uuid: Option<UuidOrEmpty>,
    /// The UUID of the server the Console is connected to. Variant: the Console's code sends
    /// `""` until it has loaded the server's state (`hasura/graphql-engine`
    /// `console/src/telemetry/index.ts`), which is accepted; any other text than a lower-case
    /// UUID is refused.
    #[schemars(extend("x-privacy" = "random-id"))]
    pub server_uuid: UuidOrEmpty,
    /// The error.
    pub data: ConsoleErrorData,
}

/// Which program serves the Hasura Console.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(rename_all = "lowercase")]
pub enum ConsoleMode {
    /// Served by the CLI (`hasura console`).
    Cli,
    /// Served by the server itself.
    Server,
}

/// The error a Console event reports.
///
/// Closed, for the same reason as the payload: each member is declared data.
#[optional_members]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields)]
pub struct ConsoleErrorData {
    /// The error message (`Uncaught TypeError: something is not a function`). Unlike `url`, it
    /// is not sanitised: the Console passes the error on as the runtime wrote it
    /// (`console/src/telemetry/index.ts`), so it can quote values the failing code held.
    #[schemars(extend("x-privacy" = "diagnostic"))]
    pub message: String,
    /// The stack trace: one frame per item, as the page shows it, or (variant) the JavaScript
    /// `Error.stack`, a single string with newlines, which is what the Console's code sends
    /// (`hasura/graphql-engine` `console/src/telemetry/index.ts`). Variant: absent when the
    /// error has no stack; never `null`. Not sanitised either: browsers write each frame with
    /// the full URL of its script, which includes the address of the host serving the Console.
    #[schemars(extend("x-privacy" = "diagnostic"))]
    pub stack: Option<ConsoleStack>,
}

/// A Console error's stack trace: the JavaScript `Error.stack` text, or a list of frames.
///
/// The Console's code sends `Error.stack` as the runtime wrote it, one string with a newline
/// between frames (`hasura/graphql-engine` `console/src/telemetry/index.ts`); the page's sample
/// shows a list of frames instead. Both are accepted; anything else (a number, an object, a
/// list holding something other than strings) is refused as a whole, at the stack itself.
// `Validate` and `Fixture` are written by hand below: the derives follow enums of unit variants
// only, and this one is untagged. The schema is schemars' (an `anyOf` of the two variants'
// schemas); both validation paths share `ConsoleStack::check`, so they cannot disagree.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ConsoleStack {
    /// `Error.stack` as the Console sends it: frames separated by newlines
    /// (`hasura/graphql-engine` `console/src/telemetry/index.ts`).
    Text(String),
    /// One frame per item, as the page's sample shows it.
    Frames(Vec<String>),
}

impl ConsoleStack {
    /// What the two forms are, in words, for a violation.
    const EXPECTED: &'static str = "a string, or an array of strings";

    /// The one check of both paths: a string, or an array whose every item is a string.
    fn check(checker: &mut Checker<'_>, seen: &Seen<'_>, items_are_strings: bool) {
        let accepted = match seen {
            Seen::String(_) => true,
            Seen::Array(_) => items_are_strings,
            _ => false,
        };
        if !accepted {
            checker.wrong_type(Self::EXPECTED, seen);
        }
    }
}

impl From<&str> for ConsoleStack {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<Vec<String>> for ConsoleStack {
    fn from(frames: Vec<String>) -> Self {
        Self::Frames(frames)
    }
}

impl Validate for ConsoleStack {
    fn validate_at<'v>(value: &'v Value, checker: &mut Checker<'v>) {
        let items_are_strings = value
            .as_array()
            .is_some_and(|items| items.iter().all(Value::is_string));
        Self::check(checker, &Seen::of(value), items_are_strings);
    }

    fn stream_at<'de, D: Deserializer<'de>>(
        deserializer: D,
        checker: &mut Checker<'de>,
    ) -> Result<Seen<'de>, D::Error> {
        let (seen, items_are_strings) = deserializer.deserialize_any(StackVisitor {
            checker: &mut *checker,
        })?;
        Self::check(checker, &seen, items_are_strings);
        Ok(seen)
    }
}

/// The streaming path's view of a stack: what the value is and, for an array, whether every
/// item is a string. Items and members are read through [`Look`] and [`skip_map`], so nesting counts
/// against the parser's depth limit as on the parsed path.
struct StackVisitor<'a, 'de> {
    checker: &'a mut Checker<'de>,
}

impl<'de> Visitor<'de> for StackVisitor<'_, 'de> {
    type Value = (Seen<'de>, bool);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(ConsoleStack::EXPECTED)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok((Seen::Bool(value), false))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok((Seen::Number(value.into()), false))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok((Seen::Number(value.into()), false))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        let number = serde_json::Number::from_f64(value)
            .ok_or_else(|| E::custom("a number JSON cannot hold"))?;
        Ok((Seen::Number(number), false))
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
        Ok((Seen::String(value.into()), false))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok((Seen::String(value.to_owned().into()), false))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        Ok((Seen::String(value.into()), false))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok((Seen::Null, false))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok((Seen::Null, false))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let checker = self.checker;
        let (mut count, mut all_strings) = (0, true);
        while let Some(item) = seq.next_element_seed(Look::new(&mut *checker))? {
            all_strings &= matches!(item, Seen::String(_));
            count += 1;
        }
        Ok((Seen::Array(count), all_strings))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Ok((Seen::Object(skip_map(map)?), false))
    }
}

impl Fixture for ConsoleStack {
    /// The page's form with no frames; the member itself is absent by default.
    fn fixture_default() -> Self {
        Self::Frames(Vec::new())
    }
}

// Kept when the runtime's `proptest` feature is on, as the derived impls are (not this crate's
// feature: a user may turn the runtime's on alone, and `ConsoleErrorData`'s derived impl needs
// this).
schema_runtime::__random_impl! {
    impl crate::fixture::random::Random for ConsoleStack {
        fn random(rng: &mut crate::fixture::random::TestRng) -> Self {
            use crate::fixture::random::pick;
            if pick(rng, 2) == 0 {
                Self::Text(String::random(rng))
            } else {
                Self::Frames(Vec::random(rng))
            }
        }
    }
}

/// What stops the Console's messages: the telemetry setting of the server or of the CLI,
/// whichever serves the Console.
pub(crate) const CONSOLE_OPT_OUT: OptOut = OptOut::StoppedBy {
    switches: &[
        Switch::HasuraServerEnv,
        Switch::HasuraServerFlag,
        Switch::HasuraCliEnv,
        Switch::HasuraCliConfig,
    ],
    quote: catalog::HASURA_SERVER_OPT_OUT,
};

impl Payload for ConsoleError {
    const ID: &'static str = "hasura/console-error";
    const VERSION: SchemaVersion = SchemaVersion::new(1, 1, 0);
    const TITLE: &'static str = "Hasura Console error event";
    const EXAMPLE_LINE: Option<usize> = Some(163);
    const LAYER: Layer = Layer::Payload;
    /// A runtime error carries its `data.message`; every other message of the Console's channel
    /// (`hasura/console-event`, which this kind refines) lacks it.
    const CLUES: &'static [Clue] = &[
        Clue::Present("/console_mode"),
        Clue::Present("/data/message"),
    ];
    const CATALOG: Catalog = Catalog {
        section: "Console",
        edition: Editions::All,
        emitter: Emitter::Console,
        cadence: Cadence::PerError,
        trigger: "The Console collects runtime errors along with anonymized route names are sent without any identifiable information or payload.",
        destination: catalog::HASURA_DESTINATION,
        opt_out: CONSOLE_OPT_OUT,
    };
    const REFINES: Option<&'static str> = Some(super::ConsoleEvent::ID);

    fn documented_example() -> Option<Self> {
        Some(
            ConsoleError::fixture()
                .server_version("2.0.0")
                .event_type("Main/RUN_TIME_ERROR")
                .url("/data/schema/SCHEMA_NAME/tables/TABLE_NAME/modify")
                .console_mode(ConsoleMode::Cli)
                .cli_uuid(UuidOrEmpty::from("0e4e2e9b-7fc9-44b8-9d5c-955673e20e0b"))
                .server_uuid("015a8f49-2fbd-4c41-8066-23f48d9c620a")
                .data(
                    ConsoleErrorData::fixture()
                        .message("Uncaught TypeError: something is not a function")
                        .stack(ConsoleStack::Frames(vec![String::from(" at main.js:1:3")])),
                )
                .build(),
        )
    }
}

super::envelope::posted!(
    ConsoleError, topic ConsoleTopic, documented Self,
    row (1, 0, 0), wire (1, 0, 0)
);
