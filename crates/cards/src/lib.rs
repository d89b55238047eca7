//! What the app and the staff console both draw: a crisis contact's card (the console previews
//! it exactly as phones show it) and a device or key code as people read it aloud. Plain Dioxus
//! components with no renderer: the app renders them in its web view, the console to HTML.

mod contact_card;
mod key_code;
mod outside_link;

pub use contact_card::ContactCard;
pub use key_code::{KeyCode, spoken_code};
pub use outside_link::{LinkOutcome, Opener, OutsideLink};
