//! Workspace integration tests (placeholder until the corpus and schema tests land).
