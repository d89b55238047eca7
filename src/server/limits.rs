//! A per-device token bucket: a device may burst, then must slow to the configured average.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

pub(crate) struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl RateLimiter {
    pub(crate) fn new(per_second: f64, burst: f64) -> Self {
        RateLimiter {
            per_second,
            burst,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request's token for `device`; false when the device must wait.
    pub(crate) fn allow(&self, device: &str) -> bool {
        let Ok(mut buckets) = self.buckets.lock() else {
            return false;
        };
        let now = Instant::now();
        if !buckets.contains_key(device) {
            buckets.insert(device.to_owned(), (self.burst, now));
        }
        let Some((tokens, last)) = buckets.get_mut(device) else {
            return false;
        };
        *tokens =
            (*tokens + now.duration_since(*last).as_secs_f64() * self.per_second).min(self.burst);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_may_burst_then_is_held_back_while_others_are_not() {
        let limiter = RateLimiter::new(0.001, 3.0);
        assert!((0..3).all(|_| limiter.allow("a")));
        assert!(!limiter.allow("a"));
        assert!(limiter.allow("b"));
    }
}
