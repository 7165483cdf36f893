//! Login rate limiting, per account and per client address, in memory.
//!
//! Per account: after [`ACCOUNT_FREE_FAILURES`] failures in a row, each further attempt must wait
//! a delay that doubles from [`ACCOUNT_BASE_DELAY`] up to [`ACCOUNT_MAX_DELAY`]. The cap is what
//! keeps an attacker from locking a real user out for good; and an address from which the account
//! signed in successfully before is not held back by the account's lock at all (OWASP's "device
//! cookie" idea, keyed by address), so the owner on their usual network can still get in.
//! Per address: at most [`ADDRESS_MAX_FAILURES`] failures in [`ADDRESS_WINDOW`] seconds, which
//! stops one client from spraying guesses over many accounts. A school behind one NAT address
//! shares this budget, so it is generous.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

/// Failures allowed in a row before the account's delay starts (a few honest typos).
pub const ACCOUNT_FREE_FAILURES: u32 = 5;
/// First delay after the free failures, in seconds; doubles with each further failure.
pub const ACCOUNT_BASE_DELAY: i64 = 30;
/// Longest delay an account can be held at, in seconds (15 minutes).
pub const ACCOUNT_MAX_DELAY: i64 = 15 * 60;
/// Failures one address may make within the window.
pub const ADDRESS_MAX_FAILURES: usize = 50;
/// The per-address window, in seconds.
pub const ADDRESS_WINDOW: i64 = 15 * 60;
/// How long a successful sign-in vouches for its address, in seconds (30 days).
const TRUSTED_FOR: i64 = 30 * 24 * 3600;
/// Account registrations allowed per client address in [`REGISTRATION_WINDOW`]: a whole class
/// behind one school address can still sign up in one lesson.
pub const REGISTRATIONS_PER_ADDRESS: usize = 60;
/// The registration window, in seconds (one hour).
pub const REGISTRATION_WINDOW: i64 = 3600;
/// Entries kept before old ones are swept, so memory stays bounded under a spray of names.
const SWEEP_ABOVE: usize = 10_000;
/// Least time between two sweeps, in seconds.
const SWEEP_EVERY_SECS: i64 = 10;

/// Whether a sign-in attempt may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    Deny { retry_after_secs: i64 },
}

#[derive(Default)]
struct AccountState {
    failures: u32,
    last_failure: i64,
}

#[derive(Default)]
struct State {
    accounts: HashMap<String, AccountState>,
    addresses: HashMap<IpAddr, Vec<i64>>,
    trusted: HashMap<(String, IpAddr), i64>,
    last_sweep: i64,
}

#[derive(Default)]
pub struct LoginLimiter {
    state: Mutex<State>,
}

fn account_delay(failures: u32) -> i64 {
    if failures < ACCOUNT_FREE_FAILURES {
        return 0;
    }
    let doublings = (failures - ACCOUNT_FREE_FAILURES).min(16);
    (ACCOUNT_BASE_DELAY << doublings).min(ACCOUNT_MAX_DELAY)
}

impl LoginLimiter {
    /// Decides before the password is checked, so a locked-out attempt costs no hashing.
    pub fn check(&self, account: &str, ip: IpAddr, now: i64) -> Decision {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        decide(&mut s, &account.to_lowercase(), ip, now)
    }

    /// Checks and, when allowed, counts the attempt as a failure at once, under one lock, so
    /// that attempts sent in parallel cannot all pass the check before any is recorded. A
    /// successful sign-in takes the provisional failure back ([`LoginLimiter::record_success`]).
    pub fn begin_attempt(&self, account: &str, ip: IpAddr, now: i64) -> Decision {
        let account = account.to_lowercase();
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let decision = decide(&mut s, &account, ip, now);
        if decision == Decision::Allow {
            add_failure(&mut s, account, ip, now);
        }
        decision
    }

    pub fn record_failure(&self, account: &str, ip: IpAddr, now: i64) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        add_failure(&mut s, account.to_lowercase(), ip, now);
    }

    /// A correct password: the account's failures are cleared, the provisional failure of this
    /// attempt is taken back from the address, and the address is trusted for the account.
    pub fn record_success(&self, account: &str, ip: IpAddr, now: i64) {
        let account = account.to_lowercase();
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.accounts.remove(&account);
        if let Some(times) = s.addresses.get_mut(&ip) {
            times.pop();
        }
        s.trusted.insert((account, ip), now);
    }
}

fn decide(s: &mut State, account: &str, ip: IpAddr, now: i64) -> Decision {
    if let Some(times) = s.addresses.get_mut(&ip) {
        times.retain(|t| now - t < ADDRESS_WINDOW);
        if times.len() >= ADDRESS_MAX_FAILURES {
            let oldest = times.first().copied().unwrap_or(now);
            return Decision::Deny {
                retry_after_secs: (oldest + ADDRESS_WINDOW - now).max(1),
            };
        }
    }
    let trusted = s
        .trusted
        .get(&(account.to_string(), ip))
        .is_some_and(|t| now - t < TRUSTED_FOR);
    if let Some(a) = s.accounts.get(account) {
        let wait = a.last_failure + account_delay(a.failures) - now;
        if wait > 0 && !trusted {
            return Decision::Deny {
                retry_after_secs: wait,
            };
        }
    }
    Decision::Allow
}

fn add_failure(s: &mut State, account: String, ip: IpAddr, now: i64) {
    // Sweep at most every few seconds: above the threshold a sweep per failure would make every
    // attempt pay for the whole map.
    if s.accounts.len() + s.addresses.len() > SWEEP_ABOVE && now - s.last_sweep >= SWEEP_EVERY_SECS
    {
        sweep(s, now);
        s.last_sweep = now;
    }
    let a = s.accounts.entry(account).or_default();
    a.failures += 1;
    a.last_failure = now;
    s.addresses.entry(ip).or_default().push(now);
}

fn sweep(s: &mut State, now: i64) {
    s.accounts
        .retain(|_, a| now - a.last_failure < ACCOUNT_MAX_DELAY.max(ADDRESS_WINDOW));
    s.addresses
        .retain(|_, t| t.last().is_some_and(|l| now - l < ADDRESS_WINDOW));
    s.trusted.retain(|_, t| now - *t < TRUSTED_FOR);
}

/// Counts events per address in a sliding window: at most `max` per `window` seconds. Used to cap
/// account creation, which costs a password hash, per client address.
pub struct WindowCounter {
    max: usize,
    window: i64,
    seen: Mutex<HashMap<IpAddr, Vec<i64>>>,
}

impl WindowCounter {
    pub fn new(max: usize, window: i64) -> WindowCounter {
        WindowCounter {
            max,
            window,
            seen: Mutex::default(),
        }
    }

    /// Records an event if the address is under its limit; otherwise says how long to wait.
    pub fn try_record(&self, ip: IpAddr, now: i64) -> Decision {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if seen.len() > SWEEP_ABOVE {
            seen.retain(|_, t| t.last().is_some_and(|l| now - l < self.window));
        }
        let times = seen.entry(ip).or_default();
        times.retain(|t| now - t < self.window);
        if times.len() >= self.max {
            let oldest = times.first().copied().unwrap_or(now);
            return Decision::Deny {
                retry_after_secs: (oldest + self.window - now).max(1),
            };
        }
        times.push(now);
        Decision::Allow
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IP: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 1));
    const OTHER_IP: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 2));

    #[test]
    fn a_window_counter_caps_events_per_address() {
        let w = WindowCounter::new(3, 100);
        for _ in 0..3 {
            assert_eq!(w.try_record(IP, 0), Decision::Allow);
        }
        assert_eq!(
            w.try_record(IP, 10),
            Decision::Deny {
                retry_after_secs: 90
            }
        );
        assert_eq!(w.try_record(OTHER_IP, 10), Decision::Allow);
        assert_eq!(w.try_record(IP, 100), Decision::Allow);
    }

    #[test]
    fn account_delay_grows_then_caps() {
        let delays: Vec<i64> = (0..12).map(account_delay).collect();
        assert_eq!(&delays[..5], &[0, 0, 0, 0, 0]);
        assert_eq!(delays[5], 30);
        assert_eq!(delays[6], 60);
        assert_eq!(*delays.last().unwrap(), ACCOUNT_MAX_DELAY);
    }

    #[test]
    fn locks_after_free_failures_and_expires() {
        let l = LoginLimiter::default();
        for _ in 0..ACCOUNT_FREE_FAILURES {
            assert_eq!(l.check("Ann", IP, 100), Decision::Allow);
            l.record_failure("Ann", IP, 100);
        }
        assert_eq!(
            l.check("ann", OTHER_IP, 101),
            Decision::Deny {
                retry_after_secs: 29
            }
        );
        assert_eq!(
            l.check("ann", IP, 100 + ACCOUNT_BASE_DELAY),
            Decision::Allow
        );
        // Even after a long attack the lock ends within the cap.
        for _ in 0..100 {
            l.record_failure("ann", IP, 200);
        }
        assert_eq!(
            l.check("ann", OTHER_IP, 200 + ACCOUNT_MAX_DELAY),
            Decision::Allow
        );
    }

    #[test]
    fn attempts_in_flight_count_before_their_passwords_are_checked() {
        let l = LoginLimiter::default();
        let allowed = (0..20)
            .filter(|_| l.begin_attempt("dan", IP, 0) == Decision::Allow)
            .count();
        assert_eq!(
            allowed as u32, ACCOUNT_FREE_FAILURES,
            "parallel attempts share the budget"
        );
        let m = LoginLimiter::default();
        assert_eq!(m.begin_attempt("eve", IP, 0), Decision::Allow);
        m.record_success("eve", IP, 0);
        for _ in 0..ACCOUNT_FREE_FAILURES - 1 {
            assert_eq!(m.begin_attempt("eve", OTHER_IP, 1), Decision::Allow);
        }
        assert_eq!(
            m.begin_attempt("eve", OTHER_IP, 1),
            Decision::Allow,
            "a success took its attempt back"
        );
    }

    #[test]
    fn a_trusted_address_is_not_locked_out_by_others() {
        let l = LoginLimiter::default();
        l.record_success("ann", IP, 0);
        for _ in 0..20 {
            l.record_failure("ann", OTHER_IP, 10);
        }
        assert!(matches!(
            l.check("ann", OTHER_IP, 11),
            Decision::Deny { .. }
        ));
        assert_eq!(l.check("ann", IP, 11), Decision::Allow);
    }

    #[test]
    fn one_address_cannot_spray_many_accounts() {
        let l = LoginLimiter::default();
        for i in 0..ADDRESS_MAX_FAILURES {
            l.record_failure(&format!("user{i}"), IP, 0);
        }
        assert!(matches!(l.check("fresh", IP, 1), Decision::Deny { .. }));
        assert_eq!(l.check("fresh", OTHER_IP, 1), Decision::Allow);
        assert_eq!(l.check("fresh", IP, ADDRESS_WINDOW), Decision::Allow);
    }
}
