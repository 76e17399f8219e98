//! Workspace integration tests live in `spec/`; this library is empty and exists only so that
//! the package has a library target.
