//! argon2id password hashing at OWASP parameters (m = 19 MiB, t = 2, p = 1: the crate's defaults),
//! run on the blocking pool behind a semaphore so that a storm of logins cannot starve the other
//! requests of CPU or memory.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
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

/// Runs hashes off the async workers, at most `permits` at a time.
#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
}

impl Hasher {
    pub fn new(permits: usize) -> Hasher {
        Hasher {
            permits: Arc::new(Semaphore::new(permits.max(1))),
        }
    }

    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> anyhow::Result<T> {
        let _permit = self.permits.acquire().await?;
        Ok(actix_web::web::block(f).await?)
    }

    pub async fn hash(&self, password: String) -> anyhow::Result<String> {
        self.run(move || hash_password(&password)).await?
    }

    /// Verifies `password` against `phc`, or against a dummy hash when there is no such user.
    pub async fn verify(&self, password: String, phc: Option<String>) -> anyhow::Result<bool> {
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
