//! What the three reports of a Hasura GraphQL Engine Enterprise Edition server share: the
//! members every one of them starts with (the licence, the server, the collection round and the
//! server version), written once in [`enterprise_report!`] with the values the page's samples
//! share and the topics they travel under, and their catalog entry.

use crate::catalog::{self, Cadence, Catalog, Editions, Emitter};

/// Who sends an Enterprise Edition report, when, where to, and what stops it: the same for the
/// server, data-source and usage-metrics reports, which the page documents together.
pub(super) const CATALOG: Catalog = Catalog {
    section: "Enterprise Edition server",
    edition: Editions::Enterprise,
    emitter: Emitter::Server,
    cadence: Cadence::Undocumented,
    trigger: "The Enterprise Edition server collects and sends additional types of telemetry.",
    destination: catalog::HASURA_DESTINATION,
    opt_out: catalog::HASURA_SERVER_STOPPED_BY,
};

/// Declares an Enterprise Edition report: a closed struct whose members are the six every report
/// starts with, then its own `metrics`, sent under the server's topics. The caller writes the
/// report's doc comment and its `metrics` member; the derives, the shared members and `impl WireData`
/// are written here.
macro_rules! enterprise_report {
    (
        $(#[$attribute:meta])*
        pub struct $name:ident {
            $(#[$metrics_attribute:meta])*
            pub metrics: $metrics:ty,
        }
    ) => {
        $(#[$attribute])*
        #[derive(
            Clone,
            Debug,
            PartialEq,
            Eq,
            ::serde::Serialize,
            ::serde::Deserialize,
            ::schemars::JsonSchema,
            $crate::validate::Validate,
            $crate::fixture::Fixture,
        )]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// The `jti` (JWT ID) claim of the Enterprise Edition licence key: which licence the
            /// server runs under.
            #[schemars(extend("x-privacy" = "account-id"))]
            pub license_jti: $crate::common::Uuid,
            /// The identifier of the licensed client, when the licence names one; `null` when it
            /// does not. Every documented sample holds `null`; the page does not describe this
            /// member.
            #[schemars(extend("x-privacy" = "account-id"))]
            pub client_id: $crate::common::Nullable<String>,
            /// The randomly generated UUID of the metadata database, shared by every server
            /// instance using that database.
            #[schemars(extend("x-privacy" = "random-id"))]
            pub metadata_db_uid: $crate::common::Uuid,
            /// The randomly generated UUID of the server instance.
            #[schemars(extend("x-privacy" = "random-id"))]
            pub instance_uid: $crate::common::Uuid,
            /// The UUID of one collection round; the page's server, data-source and
            /// usage-metrics samples share one value.
            #[schemars(extend("x-privacy" = "random-id"))]
            pub sample_uid: $crate::common::Uuid,
            /// The server version (`v2.23.0`). Free-form, and variant: not always SemVer, since a
            /// dev build sends its build number (`12345`, as two of the page's samples do): the
            /// server reports the text its build was given and reads it as SemVer only where it
            /// parses (`hasura/graphql-engine` `server/src-lib/Hasura/Server/Version.hs`).
            #[schemars(extend("x-privacy" = "version"))]
            pub hasura_version: String,
            $(#[$metrics_attribute])*
            pub metrics: $metrics,
        }

        impl $crate::hasura::WireData for $name {
            // The Enterprise emitter's code is not public: these reports are assumed to travel
            // like the open server's own, under the server's topics, from the same process.
            type Topic = $crate::hasura::ServerTopic;
        }

        impl $name {
            /// The report as the page prints it, built with the fixture builders: the licence,
            /// server and collection round its three samples share, then this
            /// `hasura_version` and these `metrics`.
            fn page_sample(hasura_version: &str, metrics: impl Into<$metrics>) -> Self {
                Self::fixture()
                    .license_jti("e86e5a54-ad3b-49e6-98ca-ab34b0a50f8f")
                    .client_id($crate::common::Nullable::NULL)
                    .metadata_db_uid("4492082b-a2d6-4d4c-81e5-f481b2aea669")
                    .instance_uid("f6d67a85-4a4f-4897-a767-89a86253b59c")
                    .sample_uid("2a18421a-baff-466b-bf34-b7fd6a5c76c8")
                    .hasura_version(hasura_version)
                    .metrics(metrics)
                    .build()
            }
        }
    };
}

pub(super) use enterprise_report;
