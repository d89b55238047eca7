//! The stylesheet: design tokens first, then the shared frame, then one file per screen. Embedded
//! at build time so every platform (and the offline lock screen later) has it without a file server.

/// All of Steady's CSS.
pub const STYLESHEET: &str = concat!(
    include_str!("../../assets/css/tokens.css"),
    include_str!("../../assets/css/base.css"),
    include_str!("../../assets/css/today.css"),
    include_str!("../../assets/css/history.css"),
    include_str!("../../assets/css/help.css"),
    include_str!("../../assets/css/tools.css"),
    include_str!("../../assets/css/goals.css"),
    include_str!("../../assets/css/sharing.css"),
    include_str!("../../assets/css/privacy.css"),
);
