//! Token buckets: per device for the sync API (a device may burst, then must slow to the
//! configured average), and per network address for what a device without a valid token can do
//! (enrol with an invite code, or try tokens), so invite codes and tokens cannot be guessed
//! quickly. Kept in memory on each server node: a second node doubles what one address may try,
//! which the limits allow for. Buckets that have refilled are dropped, so the maps stay small.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

/// How many idle buckets a map may hold before full ones are swept out.
const SWEEP_AT: usize = 10_000;

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

    /// Takes one request's token for `key`; false when it must wait.
    pub(crate) fn allow(&self, key: &str) -> bool {
        let Ok(mut buckets) = self.buckets.lock() else {
            return false;
        };
        let now = Instant::now();
        if buckets.len() >= SWEEP_AT {
            let (per_second, burst) = (self.per_second, self.burst);
            buckets.retain(|_, (tokens, last)| {
                *tokens + now.duration_since(*last).as_secs_f64() * per_second < burst
            });
        }
        let (tokens, last) = buckets.entry(key.to_owned()).or_insert((self.burst, now));
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

/// What one network address may do without a valid device token.
pub(crate) struct AddressLimits {
    /// Enrolments (each spends an invite code guess): 10 at once, then one every 6 seconds.
    enrol: RateLimiter,
    /// Requests with a missing or wrong token: 20 at once, then one every 3 seconds.
    bad_token: RateLimiter,
}

impl AddressLimits {
    pub(crate) fn new() -> Self {
        AddressLimits {
            enrol: RateLimiter::new(1.0 / 6.0, 10.0),
            bad_token: RateLimiter::new(1.0 / 3.0, 20.0),
        }
    }

    pub(crate) fn allow_enrolment(&self, address: Option<IpAddr>) -> bool {
        self.enrol.allow(&key(address))
    }

    pub(crate) fn allow_bad_token(&self, address: Option<IpAddr>) -> bool {
        self.bad_token.allow(&key(address))
    }
}

fn key(address: Option<IpAddr>) -> String {
    address.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
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

    #[test]
    fn an_address_guessing_invite_codes_is_held_back_after_ten() {
        let limits = AddressLimits::new();
        let guesser = Some("203.0.113.7".parse().unwrap());
        assert!((0..10).all(|_| limits.allow_enrolment(guesser)));
        assert!(!limits.allow_enrolment(guesser));
        assert!(limits.allow_enrolment(Some("203.0.113.8".parse().unwrap())));
        assert!((0..20).all(|_| limits.allow_bad_token(guesser)));
        assert!(!limits.allow_bad_token(guesser));
    }

    #[test]
    fn refilled_buckets_are_swept_so_the_map_stays_small() {
        let limiter = RateLimiter::new(1_000_000.0, 1.0);
        for n in 0..SWEEP_AT + 5 {
            assert!(limiter.allow(&n.to_string()));
        }
        assert!(limiter.buckets.lock().unwrap().len() < SWEEP_AT);
    }
}
