//! Time for the pacers and timers. Tools tick a clock instead of scheduling each phase, so a
//! slow render never shifts the timing: what is shown is always computed from the start instant.
//! A `TimeScale` in the root context speeds the clock up for tests; the code path is the same.

use std::time::{Duration, Instant};

use dioxus::prelude::*;

/// How much faster than real time tool clocks run. 1.0 everywhere but in tests.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeScale(pub f64);

impl Default for TimeScale {
    fn default() -> Self {
        TimeScale(1.0)
    }
}

/// How often a running clock updates what is shown.
const TICK: Duration = Duration::from_millis(100);

/// Time since this component mounted, scaled, updated every tick while it is shown.
pub fn use_elapsed() -> Signal<Duration> {
    let scale = try_use_context::<TimeScale>().unwrap_or_default().0;
    let started = use_hook(Instant::now);
    let mut elapsed = use_signal(|| Duration::ZERO);
    use_future(move || async move {
        loop {
            tokio::time::sleep(TICK).await;
            elapsed.set(started.elapsed().mul_f64(scale));
        }
    });
    elapsed
}

/// A real-time duration for `seconds` of tool time, for CSS transitions.
pub fn use_scaled_seconds() -> impl Fn(u32) -> f64 {
    let scale = try_use_context::<TimeScale>().unwrap_or_default().0;
    move |seconds| f64::from(seconds) / scale
}
