//! What Steady's app and its sync server both speak. Each module uses only the ones above it:
//!
//! - [`i18n`]: every word a person reads, from message catalogues (English, Spanish).
//! - [`files`]: private files, written whole and published the way a phone allows.
//! - [`crypto`]: the only code that touches cryptographic libraries.
//! - [`domain`]: the pure model (mood entries, emotion words, crisis contacts) and its rules.
//! - [`protocol`]: the sync protocol's wire types.
//! - [`tls`]: TLS as Steady's clients make it (rustls on ring, bundled roots).
//!
//! Nothing here knows about SQLite, HTTP or a renderer: the phone, the desktop build and the
//! server each bring their own.

#[macro_use]
pub mod i18n;
pub mod crypto;
pub mod domain;
pub mod files;
pub mod protocol;
pub mod tls;
