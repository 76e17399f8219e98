//! The Java objects that the backend call events of the servers from 2023 carry as members, as
//! analytics-java writes them: the plugin's account of a failed run ([`PluginErrorDetails`]) and
//! the request's parameters with their values redacted ([`RedactedParam`]).
//!
//! analytics-java writes a message's properties with Gson, which writes an object's fields by
//! name, leaves out those that are `null` and writes an enum as its name; `sendEvent` writes `""`
//! for a property that is `null` itself ([`OrEmpty`](crate::common::OrEmpty)).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::fixture::Fixture;
use crate::names::names;
use crate::validate::Validate;
use schema_runtime::optional_members;

/// The plugin's account of a failed run, as analytics-java writes the result's
/// `ActionExecutionResult.PluginErrorDetails` (`appsmithorg/appsmith`,
/// `app/server/appsmith-interfaces/src/main/java/com/appsmith/external/models/ActionExecutionResult.java`):
/// six texts taken from the plugin's exception, each left out when the exception has none
/// (declared here, and published, in the order of their names).
///
/// Closed (no other members): a privacy audit must account for every member sent.
#[optional_members]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PluginErrorDetails {
    /// Appsmith's code for the error (`PE-PGS-5000`).
    #[schemars(extend("x-privacy" = "category"))]
    pub appsmith_error_code: Option<String>,
    /// Appsmith's own wording of the failure, which can quote the datasource's message.
    #[schemars(extend("x-privacy" = "diagnostic"))]
    pub appsmith_error_message: Option<String>,
    /// The datasource's own code for the error, when it gave one.
    #[schemars(extend("x-privacy" = "category"))]
    pub downstream_error_code: Option<String>,
    /// The datasource's own message, which can quote what it answered (a column name, a value
    /// of the query).
    #[schemars(extend("x-privacy" = "diagnostic"))]
    pub downstream_error_message: Option<String>,
    /// The error's type (`INTERNAL_ERROR`).
    #[schemars(extend("x-privacy" = "category"))]
    pub error_type: Option<String>,
    /// The error's title (`Query execution error`).
    #[schemars(extend("x-privacy" = "category"))]
    pub title: Option<String>,
}

/// One parameter of the request (a value the action's bindings evaluated to), as
/// `sendExecuteAnalyticsEvent` sends it after setting every parameter's `value` to
/// `CommonFieldName.REDACTED_DATA`: a `Param`
/// (`app/server/appsmith-interfaces/src/main/java/com/appsmith/external/models/Param.java`) as
/// analytics-java writes it.
///
/// Closed (no other members): a privacy audit must account for every member sent. A parameter
/// whose `value` is anything but `<redacted>` is refused: that is a value the user submitted.
#[optional_members]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RedactedParam {
    /// The binding the parameter is the value of (`Input1.text`), as the author wrote it.
    #[schemars(extend("x-privacy" = "content-name"))]
    pub key: String,
    /// `<redacted>`, in place of the value.
    #[schemars(extend("x-privacy" = "category"))]
    pub value: Redacted,
    /// The JSON type of the value as the client read it.
    #[schemars(extend("x-privacy" = "category"))]
    pub client_data_type: Option<ClientDataType>,
    /// For an array value, the type of each of its items.
    #[schemars(extend("x-privacy" = "category"))]
    pub data_types_of_array_elements: Option<Vec<ClientDataType>>,
    /// The short name the client sent the binding under (`k0`), the key of the event's
    /// `actionExecutionInvertParameterMap`.
    #[schemars(extend("x-privacy" = "content-name"))]
    pub pseudo_binding_name: Option<String>,
}

names! {
    /// What a redacted parameter holds in place of its value: `CommonFieldName.REDACTED_DATA`
    /// (`app/server/appsmith-interfaces/src/main/java/com/appsmith/external/constants/CommonFieldName.java`).
    pub enum Redacted {
        /// `<redacted>`.
        Redacted = "<redacted>",
    }
}

/// The JSON type of a parameter's value as the client read it: Appsmith's `ClientDataType`
/// (`app/server/appsmith-interfaces/src/main/java/com/appsmith/external/datatypes/ClientDataType.java`).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Validate, Fixture,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ClientDataType {
    /// `null`.
    Null,
    /// An array.
    Array,
    /// A boolean.
    Boolean,
    /// A number.
    Number,
    /// An object.
    Object,
    /// A string.
    String,
}
