//! A user's property test: random valid payloads from the library's strategy, run by the
//! user's own proptest.

use proptest::prelude::*;
use schema_types::appsmith::UsagePulse;
use schema_types::fixture::random::strategy;
use schema_types::hasura::ServerTelemetryRow;
use schema_types::validate::Validate;

proptest! {
    #[test]
    fn random_server_reports_are_valid(payload in strategy::<ServerTelemetryRow>()) {
        let document = serde_json::to_value(&payload).unwrap();
        let report = ServerTelemetryRow::validate(&document);
        prop_assert!(report.is_valid(), "{report}");
    }

    #[test]
    fn random_usage_pulses_are_valid(payload in strategy::<UsagePulse>()) {
        let bytes = serde_json::to_vec(&payload).unwrap();
        let report = UsagePulse::validate_slice(&bytes);
        prop_assert!(report.is_valid(), "{report}");
    }
}
