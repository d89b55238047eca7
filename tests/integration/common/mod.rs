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

/// The audit line a test's own writes to the store keep (every staff write keeps one, in the
/// same transaction).
pub const TEST_AUDIT: steady_server::storage::staff::Audited<'static> =
    steady_server::storage::staff::Audited {
        staff: "a test",
        action: "wrote to the store directly",
        detail: "",
        at: 0,
    };
