//! argon2id password hashing at OWASP parameters (m = 19 MiB, t = 2, p = 1: the crate's defaults),
//! run on the blocking pool behind a semaphore so that a storm of logins cannot starve the other
//! requests of CPU or memory.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};
use tokio::sync::Semaphore;

/// A valid hash of a random password, verified against when the user does not exist so that an
/// unknown name costs the same time as a wrong password.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_password(&crate::auth::new_token()).unwrap_or_default());

/// Hashes a password with a fresh salt; returns the PHC string.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("password hashing failed: {e}"))
}

/// Checks a password against a PHC string; a malformed hash is a mismatch.
pub fn verify_password(password: &str, phc: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), phc)
        .is_ok()
}

/// Hashes waiting for a permit beyond this many per permit are refused at once: each waiter holds
/// a request (and its password) in memory, and a queue longer than this would take seconds.
const WAITERS_PER_PERMIT: usize = 16;

/// Why a hash did not run.
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// Too many hashes are already waiting; the caller should answer "busy, try again".
    #[error("too many password checks are waiting")]
    Busy,
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

/// Runs hashes off the async workers, at most `permits` at a time, with a bounded queue.
#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    /// Hashes running or waiting for a permit.
    queued: Arc<AtomicUsize>,
    max_queued: usize,
}

/// Takes a hash off the queue count when it finishes, however it finishes.
struct Queued<'a>(&'a AtomicUsize);

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Hasher {
    pub fn new(permits: usize) -> Hasher {
        let permits = permits.max(1);
        Hasher {
            permits: Arc::new(Semaphore::new(permits)),
            queued: Arc::new(AtomicUsize::new(0)),
            max_queued: permits * (WAITERS_PER_PERMIT + 1),
        }
    }

    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, HashError> {
        if self.queued.fetch_add(1, Ordering::AcqRel) >= self.max_queued {
            self.queued.fetch_sub(1, Ordering::AcqRel);
            return Err(HashError::Busy);
        }
        let _queued = Queued(&self.queued);
        let _permit = self.permits.acquire().await.map_err(anyhow::Error::from)?;
        Ok(actix_web::web::block(f)
            .await
            .map_err(anyhow::Error::from)?)
    }

    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        Ok(self.run(move || hash_password(&password)).await??)
    }

    /// Verifies `password` against `phc`, or against a dummy hash when there is no such user.
    pub async fn verify(&self, password: String, phc: Option<String>) -> Result<bool, HashError> {
        self.run(move || match phc {
            Some(h) => verify_password(&password, &h),
            None => {
                verify_password(&password, &DUMMY_HASH);
                false
            }
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With every permit taken and the queue full, the next hash is refused at once, and the
    /// queue frees up as hashes finish.
    #[actix_web::test]
    async fn a_full_queue_refuses_at_once() {
        let h = Hasher::new(1);
        let held = h.permits.clone().acquire_owned().await.unwrap();
        let waiting: Vec<_> = (0..h.max_queued)
            .map(|_| {
                let h = h.clone();
                actix_web::rt::spawn(async move { h.verify("x".into(), None).await })
            })
            .collect();
        while h.queued.load(Ordering::Acquire) < h.max_queued {
            actix_web::rt::task::yield_now().await;
        }
        assert!(matches!(
            h.verify("x".into(), None).await,
            Err(HashError::Busy)
        ));
        drop(held);
        for w in waiting {
            assert!(matches!(w.await.unwrap(), Ok(false)));
        }
        assert_eq!(h.queued.load(Ordering::Acquire), 0);
        assert!(matches!(h.verify("x".into(), None).await, Ok(false)));
    }

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters_and_verify() {
        let h = hash_password("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify_password("correct horse", &h));
        assert!(!verify_password("wrong horse", &h));
        assert!(!verify_password("x", "not a hash"));
        assert_ne!(h, hash_password("correct horse").unwrap(), "salts differ");
    }
}
