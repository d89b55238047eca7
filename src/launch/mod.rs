//! How the app opens on a computer or a phone: the only code that launches Dioxus. What the app
//! asks of the device (its folders, keystore, links, screen) is in `platform`; the demo that
//! `cargo run` starts is the `steady` binary's own (`src/demo.rs`).

#[cfg(all(feature = "desktop", not(feature = "mobile")))]
mod desktop;
#[cfg(feature = "mobile")]
mod mobile;

/// Opens the app's window (desktop) or the phone app; returns when it closes.
#[cfg(all(feature = "desktop", not(feature = "mobile")))]
pub fn main() {
    desktop::main();
}

/// Opens the app's window (desktop) or the phone app; returns when it closes.
#[cfg(feature = "mobile")]
pub fn main() {
    mobile::main();
}
