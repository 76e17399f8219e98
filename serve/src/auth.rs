//! Who may read and reset the store: with `--token`, `/`, `/api/...` and `/metrics` ask for
//! `Authorization: Bearer TOKEN` and answers anything else with 401, before the handler runs,
//! so that a refused request reads nothing and changes nothing. The emitters' endpoints and
//! `/validate` are not guarded (an emitter sends no token); neither are `/health`, `/kinds`
//! and `/schemas/...`, which hold nothing received.
//!
//! With `--write-key`, Segment's endpoints ask for it as Segment does: HTTP Basic, the key as the
//! user name; a wrong or missing key is answered 401 and nothing is stored.
//!
//! Where the receiver may listen without a token is decided by the options
//! ([`crate::ServeArgs::check_exposure`]).

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use subtle::ConstantTimeEq as _;

use crate::api::{AppState, error};

/// The scheme of `authorization` (the header's value) and what follows it.
fn credentials(authorization: Option<&HeaderValue>) -> Option<(&str, &str)> {
    authorization?.to_str().ok()?.split_once(' ')
}

/// Whether `authorization` (the header's value) carries `token` as a bearer token, compared in
/// time independent of where they differ.
pub fn is_bearer(authorization: Option<&HeaderValue>, token: &str) -> bool {
    let Some((scheme, given)) = credentials(authorization) else {
        return false;
    };
    scheme.eq_ignore_ascii_case("bearer")
        && bool::from(given.trim().as_bytes().ct_eq(token.as_bytes()))
}

/// Whether `authorization` carries `key` as Segment asks for a write key: HTTP Basic with the
/// key as the user name (any password, usually none).
pub fn is_write_key(authorization: Option<&HeaderValue>, key: &str) -> bool {
    use base64::Engine as _;
    let Some((scheme, encoded)) = credentials(authorization) else {
        return false;
    };
    let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(encoded.trim()) else {
        return false;
    };
    let user = decoded
        .split(|byte| *byte == b':')
        .next()
        .unwrap_or_default();
    scheme.eq_ignore_ascii_case("basic") && bool::from(user.ct_eq(key.as_bytes()))
}

/// How a guard asks for its secret.
struct Guard {
    /// Whether the `Authorization` header carries the secret.
    carries: fn(Option<&HeaderValue>, &str) -> bool,
    /// The 401's message.
    message: &'static str,
    /// The 401's `WWW-Authenticate`.
    challenge: &'static str,
}

/// `/`, `/api/...` and `/metrics` under `--token`.
const TOKEN: Guard = Guard {
    carries: is_bearer,
    message: "a bearer token is needed (`Authorization: Bearer TOKEN`)",
    challenge: "Bearer",
};

/// Segment's endpoints under `--write-key`.
const WRITE_KEY: Guard = Guard {
    carries: is_write_key,
    message: "a Segment write key is needed (HTTP Basic, the key as user)",
    challenge: "Basic realm=\"segment\"",
};

impl Guard {
    /// Passes the request on when no secret is set or the right one is given; 401 otherwise.
    async fn pass(&self, secret: Option<&str>, request: Request, next: Next) -> Response {
        if let Some(secret) = secret {
            if !(self.carries)(request.headers().get(header::AUTHORIZATION), secret) {
                let mut response = error(StatusCode::UNAUTHORIZED, self.message);
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static(self.challenge),
                );
                return response;
            }
        }
        next.run(request).await
    }
}

/// The middleware of Segment's endpoints: passes the request on when no write key is set or the
/// right one is given.
pub async fn require_write_key(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    WRITE_KEY
        .pass(state.write_key.as_deref(), request, next)
        .await
}

/// The middleware: passes the request on when no token is set or the right one is given.
pub async fn require_token(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    TOKEN.pass(state.token.as_deref(), request, next).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_token_passes() {
        let header = |text: &str| HeaderValue::from_str(text).unwrap();
        assert!(is_bearer(Some(&header("Bearer s3cret")), "s3cret"));
        assert!(is_bearer(Some(&header("bearer s3cret")), "s3cret"));
        assert!(!is_bearer(Some(&header("Bearer s3cre")), "s3cret"));
        assert!(!is_bearer(Some(&header("Bearer s3cretX")), "s3cret"));
        assert!(!is_bearer(Some(&header("Basic s3cret")), "s3cret"));
        assert!(!is_bearer(Some(&header("s3cret")), "s3cret"));
        assert!(!is_bearer(None, "s3cret"));
    }

    #[test]
    fn only_the_write_key_passes() {
        use base64::Engine as _;
        let basic = |text: &str| {
            let encoded = base64::engine::general_purpose::STANDARD.encode(text);
            HeaderValue::from_str(&format!("Basic {encoded}")).unwrap()
        };
        assert!(is_write_key(Some(&basic("wk_1:")), "wk_1"));
        assert!(is_write_key(Some(&basic("wk_1")), "wk_1"));
        assert!(!is_write_key(Some(&basic("wk_2:")), "wk_1"));
        assert!(!is_write_key(Some(&basic(":wk_1")), "wk_1"));
        assert!(!is_write_key(
            Some(&HeaderValue::from_static("Bearer wk_1")),
            "wk_1"
        ));
        assert!(!is_write_key(None, "wk_1"));
    }
}
