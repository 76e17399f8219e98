//! The telemetry payloads Hasura GraphQL Engine documents on its Telemetry Guide/FAQ page: the
//! server's report, the Enterprise Edition server's three reports, the Console's error event, the
//! CLI's execution event, and the CLI's configuration file that holds the telemetry opt-out;
//! beside them, what the page does not print and is read from the products' code: the v2.x
//! server's per-data-source report (`server_metrics_v2.rs`) and the Console's whole telemetry
//! channel in each of its eras (`console_event.rs`), which the page's error event refines.
//!
//! One file per payload, named after the payload id. The types follow the page: member names and
//! order as printed, precise types where the products' code is certain (UUIDs, counts, the CI
//! vendor names), and free text where it is not (versions, backend names). Where the products'
//! code disagrees with the page, the page's shape stays and the field's documentation says how
//! the code differs.

mod cli_config;
mod cli_execution;
mod console_error;
mod console_event;
mod ee_data_source_telemetry;
mod ee_server_telemetry;
mod ee_usage_metrics;
mod enterprise;
mod envelope;
mod server_metrics_v2;
mod server_telemetry;
#[cfg(test)]
mod tests;

pub use cli_config::*;
pub use cli_execution::*;
pub use console_error::*;
pub use console_event::*;
pub use ee_data_source_telemetry::*;
pub use ee_server_telemetry::*;
pub use ee_usage_metrics::*;
pub(crate) use envelope::kinds;
pub use envelope::*;
pub use server_metrics_v2::*;
pub use server_telemetry::*;
