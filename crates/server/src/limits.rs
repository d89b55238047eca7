//! Token buckets: per device for the sync API (a device may burst, then must slow to the
//! configured average), and per network address for what a device without a valid token can do
//! (enrol with an invite code, or try tokens), so invite codes and tokens cannot be guessed
//! quickly. Kept in memory on each server node: a second node doubles what one address may try,
//! which the limits allow for. Buckets that have refilled are dropped, so the maps stay small.
//! The buckets are governor's (GCRA, keyed, sharded so requests from different devices do not
//! wait on one lock).

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use governor::clock::DefaultClock;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter as Governor};

/// How many keys a limiter may hold before those back to a full bucket are swept out.
const SWEEP_AT: usize = 10_000;

/// A keyed token bucket (GCRA, from governor): each key may burst, then must keep to the
/// average. Keys whose bucket has refilled are swept out once there are many.
pub(crate) struct RateLimiter {
    limiter: Governor<String, DefaultKeyedStateStore<String>, DefaultClock>,
    /// Requests since the keys were last counted: counting takes every shard's lock, so it is
    /// done once in [`COUNT_EVERY`] requests, not on each.
    since_count: AtomicUsize,
}

/// How often (in requests) a limiter counts its keys to see whether to sweep.
const COUNT_EVERY: usize = 256;

impl RateLimiter {
    /// `per_second` on average after a burst of `burst` (at least one; a rate that is not a
    /// positive number is one a day).
    pub(crate) fn new(per_second: f64, burst: f64) -> Self {
        let period = if per_second.is_finite() && per_second > 0.0 {
            Duration::from_secs_f64((1.0 / per_second).clamp(1e-9, 86_400.0))
        } else {
            Duration::from_secs(86_400)
        };
        let burst = NonZeroU32::new(burst.clamp(1.0, f64::from(u32::MAX)) as u32)
            .unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(period)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(burst);
        RateLimiter {
            limiter: Governor::keyed(quota),
            since_count: AtomicUsize::new(0),
        }
    }

    /// Takes one request's token for `key`; false when it must wait.
    pub(crate) fn allow(&self, key: &str) -> bool {
        let due = self
            .since_count
            .fetch_add(1, Ordering::Relaxed)
            .is_multiple_of(COUNT_EVERY);
        if due && self.limiter.len() >= SWEEP_AT {
            self.limiter.retain_recent();
        }
        self.limiter.check_key(&key.to_owned()).is_ok()
    }

    #[cfg(test)]
    fn keys(&self) -> usize {
        self.limiter.len()
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
        // Counted once in COUNT_EVERY requests: the map holds at most that many over SWEEP_AT.
        for n in 0..SWEEP_AT + COUNT_EVERY + 5 {
            assert!(limiter.allow(&n.to_string()));
        }
        assert!(limiter.keys() < SWEEP_AT);
    }
}
