//! Shared fixtures: a preview server on port 0 with its own temp data folder, and a headless
//! Chromium driven through chromedriver.

pub mod balancer;
pub mod browser;
pub mod console;
pub mod desktop;
pub mod hostile;
pub mod postgres;
pub mod preview;
pub mod safeguarding;
pub mod sync_server;
